import { fetchStudy } from "../api/dashboard.ts";
import type { Study } from "../api/types.ts";
import { lastWholeMonth, monthRange } from "../app/filters.ts";
import { formatCount, formatInterval, formatPercent } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { studyFiguresInOrder, studyTitleKey } from "../app/study-figures.ts";
import { useResource } from "../app/useResource.ts";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

type SiteReport = { id: string; name: string; study: Study };

const monthName = (month: string, lang: "da" | "en") =>
  new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-15T12:00:00Z`));

/** One site's month on one A4 page: the study's figures as compact tables, each with its N. */
function SiteSheet({ report, month }: { report: SiteReport; month: string }) {
  const { t, lang } = useI18n();
  const { study } = report;
  // Every figure of the study page, the reasons why not (questionnaire 2) among them.
  const figures = studyFiguresInOrder(study).map((figure) => {
    const titleKey = studyTitleKey(figure);
    return { key: figure.question, title: titleKey ? t(titleKey) : figure.text[lang], figure };
  });
  return (
    <section className="sheet card" data-site={report.id} aria-labelledby={`sheet-${report.id}`}>
      <header className="sheet-head">
        <h2 id={`sheet-${report.id}`}>{report.name}</h2>
        <p>
          {t("monthlyTitle")} · {monthName(month, lang)} · {formatCount(study.responses, lang)}{" "}
          {t("responses")}
          {study.provisional && ` · ${t("provisional")}`}
        </p>
      </header>
      <div className="sheet-grid">
        {figures.map(({ key, title, figure }) => (
          <ScrollTable key={key} label={title}>
            <table className="sheet-table" data-study={key}>
              <caption>
                {title} <span className="muted interval">(N = {formatCount(figure.n, lang)})</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("answer")}</th>
                  <th scope="col" className="numeric">
                    {t("count")}
                  </th>
                  <th scope="col" className="numeric">
                    {t("share")}
                  </th>
                  <th scope="col">{t("interval")}</th>
                </tr>
              </thead>
              <tbody>
                {figure.suppressed ? (
                  <tr>
                    <td colSpan={4}>{t("hiddenGroupHint")}</td>
                  </tr>
                ) : (
                  figure.answers.map((answer) => (
                    <tr key={answer.code}>
                      <th scope="row">{answer.label[lang]}</th>
                      <td className="numeric">{formatCount(answer.count, lang)}</td>
                      <td className="numeric">{formatPercent(answer.percent, lang)}</td>
                      <td className="interval">{formatInterval(answer.ci95, lang)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </ScrollTable>
        ))}
      </div>
      <p className="muted small sheet-foot">
        {t("monthlyFoot").replace("{k}", String(study.disclosure.k))}
      </p>
    </section>
  );
}

/**
 * Månedsrapport: the month's figures for the management meeting, one A4 page per site when
 * printed (the print stylesheet drops the menu and breaks a page after each site).
 */
export function MonthlyReportPage({
  session,
  site,
  filters,
  setFilters,
  today,
  version,
}: PageProps) {
  const { t } = useI18n();
  const latest = lastWholeMonth(today);
  const month = filters.month ?? latest;
  const range = monthRange(month);
  const sites = session.sites.filter((s) => !site || s.id === site);
  const reports = useResource(
    () =>
      Promise.all(
        sites.map(async (s) => ({
          id: s.id,
          name: s.name,
          study: await fetchStudy({ site: s.id }, range),
        })),
      ),
    `${month}|${sites.map((s) => s.id).join(",")}`,
    version,
  );
  return (
    <>
      <div className="no-print">
        <h1>{t("monthlyTitle")}</h1>
        <p className="muted">{t("monthlyIntro")}</p>
        <div className="toolbar">
          <label>
            {t("month")}
            <input
              type="month"
              value={month}
              max={today.slice(0, 7)}
              onChange={(event) => {
                const picked = event.target.value;
                setFilters({ month: picked && picked !== latest ? picked : undefined });
              }}
            />
          </label>
          <button type="button" onClick={() => window.print()}>
            {t("print")}
          </button>
        </div>
      </div>
      <Status resource={reports} />
      {reports.data?.map((report) => (
        <SiteSheet key={report.id} report={report} month={month} />
      ))}
    </>
  );
}
