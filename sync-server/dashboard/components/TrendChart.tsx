import type { Headline, HeadlineCode, TrendDay } from "../api/types.ts";
import { formatCount, formatDay, formatInterval, formatPercent, hasFigure } from "../app/format.ts";
import { useNarrow } from "../app/useNarrow.ts";
import { useI18n } from "../i18n/index.tsx";
import {
  anchorOf,
  bandPath,
  gridLines,
  linearScale,
  linePath,
  runs,
  tickIndices,
  yFloor,
} from "./chart-geometry.ts";

const pad = { left: 40, right: 12, top: 12, bottom: 28 };

/**
 * One headline per day as a line with its 95 % band. Withheld days ("<5") are gaps. The chart
 * is an image with a summary label; the exact numbers are in the table below it.
 */
export function TrendChart({ days, code }: { days: TrendDay[]; code: HeadlineCode }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const width = narrow ? 360 : 720;
  const height = narrow ? 220 : 240;
  const ticks = narrow ? 4 : 6;
  const x = linearScale([0, Math.max(1, days.length - 1)], [pad.left, width - pad.right]);
  const lows = days.flatMap((day) => (day[code].ci95 ? [day[code].ci95[0]] : []));
  const floor = yFloor(lows);
  const y = linearScale([floor, 100], [height - pad.bottom, pad.top]);
  const values = days.map((day, index) => {
    const h: Headline = day[code];
    return hasFigure(h) ? { index, percent: h.percent, ci: h.ci95 } : null;
  });
  const segments = runs(values);
  const shown = values.filter((v) => v !== null).length;
  const label = `${t("trendChart")}: ${t(`h_${code}`)}, ${formatDay(days[0]?.date ?? "", lang)}–${formatDay(
    days.at(-1)?.date ?? "",
    lang,
  )}. ${shown} / ${days.length}.`;
  return (
    <figure className="card">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {gridLines(floor).map((v) => (
          <g key={v}>
            <line className="grid" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end">
              {v} %
            </text>
          </g>
        ))}
        {segments.map((segment) => {
          const upper = segment.items.map((p) => ({ x: x(p.index), y: y(p.ci[1]) }));
          const lower = segment.items.map((p) => ({ x: x(p.index), y: y(p.ci[0]) }));
          const line = segment.items.map((p) => ({ x: x(p.index), y: y(p.percent) }));
          return (
            <g key={segment.start}>
              <path className="ci" d={bandPath(upper, lower)} />
              {line.length > 1 ? (
                <path className="line" d={linePath(line)} />
              ) : (
                <circle className="dot" cx={line[0]?.x} cy={line[0]?.y} r={2.5} />
              )}
            </g>
          );
        })}
        {tickIndices(days.length, ticks).map((i) => (
          <text key={i} x={x(i)} y={height - 8} textAnchor={anchorOf(i, days.length)}>
            {formatDay(days[i]?.date ?? "", lang)}
          </text>
        ))}
      </svg>
      <details className="data-table">
        <summary>{t("showTable")}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t("date")}</th>
                <th scope="col" className="numeric">
                  {t("responses")}
                </th>
                <th scope="col" className="numeric">
                  {t(`h_${code}`)}
                </th>
                <th scope="col">{t("interval")}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <td>{formatDay(day.date, lang, true)}</td>
                  <td className="numeric">{formatCount(day.responses, lang)}</td>
                  <td className="numeric">{formatPercent(day[code].percent, lang)}</td>
                  <td>{formatInterval(day[code].ci95, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
