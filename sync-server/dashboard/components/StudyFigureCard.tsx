import type { ReactNode } from "react";
import type { StudyFigure } from "../api/types.ts";
import { formatCount, formatInterval, formatPercent } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";
import { DistributionBars } from "./DistributionBars.tsx";
import { ScrollTable } from "./ScrollTable.tsx";

/**
 * One of the study's figures as the study showed it: the question, every answer with its share
 * and 95 % interval, N, and the same as a table. With `earlier` the same dates a year before
 * stand beside it. A hidden figure (fewer answers than the municipality's limit) says so.
 */
export function StudyFigureCard({
  id,
  title,
  figure,
  earlier,
  lead,
  children,
}: {
  id: string;
  title: string;
  figure: StudyFigure;
  earlier?: StudyFigure | undefined;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const earlierOf = (code: string) => earlier?.answers.find((a) => a.code === code);
  const rows = figure.answers.map((answer) => ({
    code: answer.code,
    label: answer.label[lang],
    percent: answer.percent,
    ci95: answer.ci95,
    earlier: earlier
      ? {
          percent: earlierOf(answer.code)?.percent ?? null,
          ci95: earlierOf(answer.code)?.ci95 ?? null,
          noAnswers: earlier.n === 0,
        }
      : undefined,
  }));
  const heading = `${id}-h`;
  return (
    <article className="card study-figure" data-study={id} aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      <p className="question">«{figure.text[lang]}»</p>
      {lead}
      <p className="study-n" data-testid={`${id}-n`}>
        N = {formatCount(figure.n, lang)}
        {earlier && (
          <span className="muted">
            {" "}
            · {t("yearEarlier")}: N = {formatCount(earlier.n, lang)}
          </span>
        )}
      </p>
      {figure.suppressed ? (
        <p className="hidden-figure" data-testid={`${id}-hidden`}>
          {t("hiddenGroupHint")}
        </p>
      ) : (
        <DistributionBars rows={rows} caption={title} />
      )}
      {children}
      <details className="data-table">
        <summary>{t("showTable")}</summary>
        <ScrollTable label={`${title}: ${t("showTable").toLowerCase()}`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
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
                {earlier && (
                  <th scope="col" className="numeric">
                    {t("yearEarlier")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {figure.answers.map((answer) => {
                const before = earlierOf(answer.code);
                return (
                  <tr key={answer.code} data-answer={answer.code}>
                    <th scope="row">{answer.label[lang]}</th>
                    <td className="numeric">{formatCount(answer.count, lang)}</td>
                    <td className="numeric">{formatPercent(answer.percent, lang, 1)}</td>
                    <td className="interval">{formatInterval(answer.ci95, lang)}</td>
                    {earlier && (
                      <td className="numeric">{formatPercent(before?.percent ?? null, lang, 1)}</td>
                    )}
                  </tr>
                );
              })}
              <tr>
                <th scope="row">N</th>
                <td className="numeric">{formatCount(figure.n, lang)}</td>
                <td />
                <td />
                {earlier && <td className="numeric">{formatCount(earlier.n, lang)}</td>}
              </tr>
            </tbody>
          </table>
        </ScrollTable>
      </details>
    </article>
  );
}
