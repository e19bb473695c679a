import type { Interval } from "../api/types.ts";
import { formatInterval, formatPercent } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";

export type DistributionRow = {
  code: string;
  label: string;
  percent: number | null;
  ci95: Interval | null;
  /** The same answer a year earlier, when that comparison is on. */
  earlier?: { percent: number | null; ci95: Interval | null; noAnswers?: boolean } | undefined;
};

/** One 0–100 % bar with its 95 % interval as a whisker; hand-written SVG that scales to width. */
function Bar({
  percent,
  ci,
  label,
  variant,
}: {
  percent: number;
  ci: Interval | null;
  label: string;
  variant: "now" | "earlier";
}) {
  return (
    <svg
      className={`dist-bar ${variant}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <rect x="0" y="1" width="100" height="8" className="track" />
      <rect x="0" y="1" width={Math.max(0.4, percent)} height="8" className="fill" />
      {ci && (
        <>
          <line x1={ci[0]} x2={ci[1]} y1="5" y2="5" className="whisker" />
          <line x1={ci[0]} x2={ci[0]} y1="2.5" y2="7.5" className="whisker" />
          <line x1={ci[1]} x2={ci[1]} y1="2.5" y2="7.5" className="whisker" />
        </>
      )}
    </svg>
  );
}

/**
 * Every answer of a question as a bar with its interval, the number beside it, and (when on)
 * a thinner grey bar for the same period a year earlier. A hidden figure (a group under the
 * disclosure limit) is said to be hidden, never drawn as 0.
 */
export function DistributionBars({ rows, caption }: { rows: DistributionRow[]; caption: string }) {
  const { t, lang } = useI18n();
  const said = (percent: number | null, ci: Interval | null) =>
    percent === null
      ? t("hiddenFigure")
      : `${formatPercent(percent, lang)}, ${t("interval")} ${formatInterval(ci, lang)}`;
  return (
    <ul className="dist" aria-label={caption}>
      {rows.map((row) => (
        <li key={row.code} className="dist-row" data-answer={row.code}>
          <span className="dist-label">{row.label}</span>
          <span className="dist-bars">
            {row.percent === null ? (
              <span className="hidden-figure">{t("hiddenFigure")}</span>
            ) : (
              <Bar
                percent={row.percent}
                ci={row.ci95}
                label={`${row.label}: ${said(row.percent, row.ci95)}`}
                variant="now"
              />
            )}
            {row.earlier &&
              (row.earlier.percent === null ? (
                <span className="hidden-figure small">
                  {t("yearEarlier")}: {row.earlier.noAnswers ? t("noAnswers") : t("hiddenFigure")}
                </span>
              ) : (
                <Bar
                  percent={row.earlier.percent}
                  ci={row.earlier.ci95}
                  label={`${row.label}, ${t("yearEarlier").toLowerCase()}: ${said(row.earlier.percent, row.earlier.ci95)}`}
                  variant="earlier"
                />
              ))}
          </span>
          <span className="dist-value numeric">
            {formatPercent(row.percent, lang)}
            {row.earlier && (
              <span className="earlier-value">{formatPercent(row.earlier.percent, lang)}</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
