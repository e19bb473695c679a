import type { HeadlineCode, Heatmap, HeatmapCell, Weekday } from "../api/types.ts";
import { formatCount, formatPercent } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";
import { heatColor, heatmapGrid } from "./heatmap-grid.ts";
import { ScrollTable } from "./ScrollTable.tsx";

export type HeatMetric = "responses" | HeadlineCode;

/**
 * Hour × weekday as a real table (screen readers read it as one), coloured by the metric.
 * Grey cells are withheld ("<5"); hours outside opening hours are not columns at all.
 */
export function HeatmapTable({ heatmap, metric }: { heatmap: Heatmap; metric: HeatMetric }) {
  const { t, lang } = useI18n();
  const grid = heatmapGrid(heatmap.cells);
  const max = Math.max(1, ...heatmap.cells.map((c) => c.responses));
  const cellOf = (cell: HeatmapCell | undefined) => {
    if (!cell) return { text: "", className: "cell closed", fraction: null };
    if (metric === "responses") {
      return {
        text: formatCount(cell.responses, lang),
        className: "cell",
        fraction: cell.responses / max,
      };
    }
    const percent = cell[metric].percent;
    return {
      text: percent === null ? formatCount(cell[metric].n, lang) : formatPercent(percent, lang),
      className: percent === null ? "cell small" : "cell",
      fraction: percent === null ? null : percent / 100,
    };
  };
  return (
    <div>
      <ScrollTable label={t("heatmapTitle")}>
        <table className="heatmap">
          <caption className="visually-hidden">{t("heatmapTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("weekday")}</th>
              {grid.hours.map((hour) => (
                <th key={hour} scope="col" className="numeric">
                  {String(hour).padStart(2, "0")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.weekday}>
                <th scope="row">{t(`wd_${row.weekday as Weekday}`)}</th>
                {grid.hours.map((hour) => {
                  const shown = cellOf(row.cells.get(hour));
                  return (
                    <td
                      key={hour}
                      className={shown.className}
                      style={
                        shown.fraction === null
                          ? undefined
                          : { background: heatColor(shown.fraction) }
                      }
                    >
                      {shown.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p className="muted small">
        {t("outsideHours")}: {formatCount(heatmap.outsideOpeningHours, lang)}
      </p>
    </div>
  );
}
