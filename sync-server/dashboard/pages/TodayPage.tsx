import { useMemo, useState } from "react";
import { fetchToday } from "../api/dashboard.ts";
import { fetchAlerts } from "../api/notifications.ts";
import { type HeadlineCode, headlineCodes, type TodayFigure } from "../api/types.ts";
import { formatDay, formatNumber, formatPercent, formatTime } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { AlertList } from "../components/AlertList.tsx";
import { ChangeMark } from "../components/ChangeMark.tsx";
import { HeadlineValue } from "../components/HeadlineValue.tsx";
import { Status } from "../components/Status.tsx";
import { TargetsForm } from "../components/TargetsForm.tsx";
import { useI18n } from "../i18n/index.tsx";

/** The headline's target and whether the day's figure reaches it (the server decides). */
function TargetLine({ figure }: { figure: TodayFigure }) {
  const { t, lang } = useI18n();
  if (!figure.target) return null;
  const met = figure.meetsTarget;
  return (
    <p className="target-line small" data-testid="target">
      {t("target")}:{" "}
      <span className="num-inline">{formatPercent(figure.target.percent, lang)}</span>
      {met !== null && (
        <span className={`badge ${met ? "ok" : "below"}`}>
          {met ? t("targetMet") : t("targetNotMet")}
        </span>
      )}
    </p>
  );
}

function FigureCard({ code, figure }: { code: HeadlineCode; figure: TodayFigure }) {
  const { t } = useI18n();
  return (
    <article className="card figure-card" data-figure={code} aria-labelledby={`h-${code}`}>
      <h2 id={`h-${code}`}>{t(`h_${code}`)}</h2>
      <p className="muted small">{t(`hd_${code}`)}</p>
      <div className="today-value" data-period="today">
        <HeadlineValue value={figure.today} big />
        <p className="changes">
          <ChangeMark change={figure.change7} period="last7" uncertain={figure.today.uncertain} />
          <ChangeMark change={figure.change30} period="last30" uncertain={figure.today.uncertain} />
        </p>
        <TargetLine figure={figure} />
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

/**
 * "I dag": one day's responses and the four headline figures beside the 7 and 30 days before.
 * The day is today unless the chief picks another (kept in the URL as `date`).
 */
export function TodayPage({
  session,
  site,
  kiosk,
  filters,
  setFilters,
  today: todayDate,
  version,
}: PageProps) {
  const { t, lang } = useI18n();
  const date = filters.date;
  // A saved target is shown at once, not at the next live update.
  const [targetsSaved, setTargetsSaved] = useState(0);
  const today = useResource(
    () => fetchToday({ site, kiosk }, date),
    `${site}|${kiosk}|${date}|${targetsSaved}`,
    version,
  );
  // Targets are per site or, for someone who sees every site, for the whole municipality.
  const targetSite = site ?? (session.allSites ? null : (session.sites[0]?.id ?? null));
  const targetScope =
    targetSite === null
      ? session.municipality.name
      : (session.sites.find((s) => s.id === targetSite)?.name ?? "");
  const setsTargets = session.role === "admin" || session.role === "chief";
  const alerts = useResource(fetchAlerts, "alerts", version);
  const openAlerts = alerts.data?.alerts.filter((alert) => alert.clearedAt === null) ?? [];
  const data = today.data;
  // When these figures arrived: shows the chief that the page keeps itself up to date.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `data` object is the trigger.
  const loadedAt = useMemo(() => new Date(), [data]);
  return (
    <>
      <div className="page-head">
        <h1>{t("todayTitle")}</h1>
        {data && (
          <p className="muted">
            {formatDay(data.date, lang, true)}
            {data.provisional && (
              <span className="badge provisional" data-testid="provisional">
                {t("provisional")}
              </span>
            )}
          </p>
        )}
        {data && (
          <p className="muted small" aria-live="polite">
            {t("updatedAt")} {formatTime(loadedAt, lang)}
          </p>
        )}
      </div>
      {openAlerts.length > 0 && (
        <section className="card alerts-open" aria-labelledby="open-alerts-h">
          <h2 id="open-alerts-h">{t("alertsTitle")}</h2>
          <AlertList alerts={openAlerts} sites={session.sites} />
        </section>
      )}
      <div className="toolbar">
        <label>
          {t("day")}
          <input
            type="date"
            value={date ?? todayDate}
            max={todayDate}
            onChange={(event) => {
              const picked = event.target.value;
              setFilters({ date: picked && picked !== todayDate ? picked : undefined });
            }}
          />
        </label>
        {date && (
          <button
            type="button"
            className="secondary"
            onClick={() => setFilters({ date: undefined })}
          >
            {t("backToToday")}
          </button>
        )}
      </div>
      <p className="muted">{t("todayIntro")}</p>
      <Status resource={today} />
      {data && (
        <>
          <section className="responses-row" aria-label={t("responses")}>
            <div className="card stat" data-stat="today">
              <span className="stat-label">
                {data.date === todayDate ? t("responsesToday") : t("responsesOnDay")}
              </span>
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
          {setsTargets && (
            <TargetsForm
              siteId={targetSite}
              scopeName={targetScope}
              onSaved={() => setTargetsSaved((n) => n + 1)}
            />
          )}
        </>
      )}
    </>
  );
}
