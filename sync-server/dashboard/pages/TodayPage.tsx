import { useMemo } from "react";
import { fetchToday } from "../api/dashboard.ts";
import { type HeadlineCode, headlineCodes, type TodayFigure } from "../api/types.ts";
import { formatDay, formatNumber, formatTime } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { ChangeMark } from "../components/ChangeMark.tsx";
import { HeadlineValue } from "../components/HeadlineValue.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

function FigureCard({ code, figure }: { code: HeadlineCode; figure: TodayFigure }) {
  const { t } = useI18n();
  return (
    <article className="card figure-card" data-figure={code} aria-labelledby={`h-${code}`}>
      <h2 id={`h-${code}`}>{t(`h_${code}`)}</h2>
      <p className="muted small">{t(`hd_${code}`)}</p>
      <div className="today-value" data-period="today">
        <HeadlineValue value={figure.today} big />
        <p className="changes">
          <ChangeMark change={figure.change7} period="last7" />
          <ChangeMark change={figure.change30} period="last30" />
        </p>
      </div>
      <dl className="periods">
        <div data-period="last7">
          <dt>{t("last7")}</dt>
          <dd>
            <HeadlineValue value={figure.last7} />
          </dd>
        </div>
        <div data-period="last30">
          <dt>{t("last30")}</dt>
          <dd>
            <HeadlineValue value={figure.last30} />
          </dd>
        </div>
      </dl>
    </article>
  );
}

/** "I dag": today's responses and the four headline figures beside the 7 and 30 days before. */
export function TodayPage({ site, version }: PageProps) {
  const { t, lang } = useI18n();
  const today = useResource(() => fetchToday({ site }), `${site}`, version);
  const data = today.data;
  // When these figures arrived: shows the chief that the page keeps itself up to date.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `data` object is the trigger.
  const loadedAt = useMemo(() => new Date(), [data]);
  return (
    <>
      <div className="page-head">
        <h1>{t("todayTitle")}</h1>
        {data && <p className="muted">{formatDay(data.date, lang, true)}</p>}
        {data && (
          <p className="muted small" aria-live="polite">
            {t("updatedAt")} {formatTime(loadedAt, lang)}
          </p>
        )}
      </div>
      <p className="muted">{t("todayIntro")}</p>
      <Status resource={today} />
      {data && (
        <>
          <section className="responses-row" aria-label={t("responses")}>
            <div className="card stat" data-stat="today">
              <span className="stat-label">{t("responsesToday")}</span>
              <span className="big">{formatNumber(data.responses.today, lang)}</span>
            </div>
            <div className="card stat" data-stat="last7">
              <span className="stat-label">{t("last7")}</span>
              <span className="num">{formatNumber(data.responses.last7, lang)}</span>
            </div>
            <div className="card stat" data-stat="last30">
              <span className="stat-label">{t("last30")}</span>
              <span className="num">{formatNumber(data.responses.last30, lang)}</span>
            </div>
          </section>
          <section className="figure-grid">
            {headlineCodes.map((code) => (
              <FigureCard key={code} code={code} figure={data.figures[code]} />
            ))}
          </section>
          <p className="muted small">
            {t("uncertainHint")} {t("changeHint")}
          </p>
        </>
      )}
    </>
  );
}
