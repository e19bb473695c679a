import { fetchStudy, fetchYearEarlier } from "../api/dashboard.ts";
import { headlineCodes, type Study } from "../api/types.ts";
import { rangeOf, yearEarlier } from "../app/filters.ts";
import { formatCount, formatDay } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { ChangeMark } from "../components/ChangeMark.tsx";
import { HeadlineValue } from "../components/HeadlineValue.tsx";
import { PeriodPicker } from "../components/PeriodPicker.tsx";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { StackedBar } from "../components/StackedBar.tsx";
import { Status } from "../components/Status.tsx";
import { StudyFigureCard } from "../components/StudyFigureCard.tsx";
import { useI18n } from "../i18n/index.tsx";

const noStudy = Promise.resolve(null);

/**
 * Undersøgelsen: the study's five figures for the chosen period and scope, each as the study
 * showed it (full distribution, N, 95 % interval), optionally beside the same dates a year
 * earlier, with the headline changes the server tested.
 */
export function StudyPage({ site, kiosk, filters, setFilters, today, version }: PageProps) {
  const { t, lang } = useI18n();
  /** A multi-choice question's card: its N is those asked it, who may tick several. */
  const reasonsCard = (
    id: "no_help_reasons" | "improve_reasons",
    figure: Study["improve"]["reasons"],
    earlier: Study["improve"]["reasons"] | undefined,
  ) => (
    <StudyFigureCard
      id={id}
      title={t(id === "improve_reasons" ? "study_improve_reasons" : "study_no_help_reasons")}
      figure={figure}
      earlier={earlier}
      lead={
        <p className="muted small">
          {t(id === "improve_reasons" ? "reasonsIntro" : "noHelpReasonsIntro")}
        </p>
      }
    />
  );
  const range = rangeOf(filters, today);
  const before = yearEarlier(range);
  const key = `${site}|${kiosk}|${range.from}|${range.to}`;
  const study = useResource(() => fetchStudy({ site, kiosk }, range), key, version);
  const earlier = useResource<Study | null>(
    () => (filters.compareYear ? fetchStudy({ site, kiosk }, before) : noStudy),
    `${key}|${filters.compareYear}`,
    version,
  );
  const changes = useResource(
    () => (filters.compareYear ? fetchYearEarlier({ site, kiosk }, range) : noStudy),
    `${key}|${filters.compareYear}`,
    version,
  );
  const data = study.data;
  const yearData = filters.compareYear ? changes.data : null;
  const old = filters.compareYear ? (earlier.data ?? undefined) : undefined;
  return (
    <>
      <h1>{t("studyTitle")}</h1>
      <p className="muted">{t("studyIntro")}</p>
      <div className="toolbar">
        <PeriodPicker value={filters.period} onChange={(period) => setFilters({ period })} />
        <label className="check">
          <input
            type="checkbox"
            checked={filters.compareYear}
            onChange={(event) => setFilters({ compareYear: event.target.checked })}
          />
          {t("compareYearEarlier")}
        </label>
      </div>
      <p className="muted small" data-testid="study-range">
        {formatDay(range.from, lang, true)} – {formatDay(range.to, lang, true)}
        {filters.compareYear &&
          ` · ${t("yearEarlier")}: ${formatDay(before.from, lang, true)} – ${formatDay(before.to, lang, true)}`}
      </p>
      <Status resource={study} />
      {data && (
        <>
          <p>
            {formatCount(data.responses, lang)} {t("responses")}
            {data.provisional && <span className="badge provisional"> {t("provisional")}</span>}
          </p>
          {yearData && (
            <section aria-labelledby="year-h" className="card">
              <h2 id="year-h">{t("yearEarlierTitle")}</h2>
              <ScrollTable label={t("yearEarlierTitle")}>
                <table className="compare">
                  <thead>
                    <tr>
                      <th scope="col">{t("figure")}</th>
                      <th scope="col">{t("thisPeriod")}</th>
                      <th scope="col">{t("yearEarlier")}</th>
                      <th scope="col">{t("change")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {headlineCodes.map((code) => (
                      <tr key={code} data-headline={code}>
                        <th scope="row">{t(`h_${code}`)}</th>
                        <td>
                          <HeadlineValue value={yearData.current.headlines[code]} />
                        </td>
                        <td>
                          <HeadlineValue value={yearData.yearEarlier.headlines[code]} />
                        </td>
                        <td>
                          <ChangeMark
                            change={yearData.changes[code].direction}
                            period="yearEarlier"
                            uncertain={yearData.current.headlines[code].uncertain}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </section>
          )}
          <div className="study-grid">
            <StudyFigureCard
              id="got_help"
              title={t("study_got_help")}
              figure={data.gotHelp}
              earlier={old?.gotHelp}
            />
            {reasonsCard("no_help_reasons", data.gotHelp.reasons, old?.gotHelp.reasons)}
            <StudyFigureCard
              id="referred_ok"
              title={t("study_referred_ok")}
              figure={data.referredOk}
              earlier={old?.referredOk}
              lead={
                <p className="muted small">
                  {t("ofThoseSentOn")}: {formatCount(data.referredOk.sentOn, lang)}
                </p>
              }
            />
            <StudyFigureCard
              id="guidance"
              title={t("study_guidance")}
              figure={data.guidance}
              earlier={old?.guidance}
              lead={
                data.guidance.suppressed ? undefined : (
                  <StackedBar answers={data.guidance.answers} label={t("study_guidance")} />
                )
              }
            />
            <StudyFigureCard
              id="seen_heard"
              title={t("study_seen_heard")}
              figure={data.seenHeard}
              earlier={old?.seenHeard}
            />
            <StudyFigureCard
              id="improve"
              title={t("study_improve")}
              figure={data.improve}
              earlier={old?.improve}
            />
            {reasonsCard("improve_reasons", data.improve.reasons, old?.improve.reasons)}
          </div>
        </>
      )}
    </>
  );
}
