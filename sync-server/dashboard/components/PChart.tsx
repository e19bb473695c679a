import type { Grouping, HeadlineCode, SpcChart, TrendPoint } from "../api/types.ts";
import { formatCount, formatNumber, formatPercent, formatPeriod } from "../app/format.ts";
import { useNarrow } from "../app/useNarrow.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import {
  anchorOf,
  gridLines,
  linearScale,
  linePath,
  type Point,
  runs,
  tickIndices,
  yFloor,
} from "./chart-geometry.ts";
import { ScrollTable } from "./ScrollTable.tsx";

const pad = { left: 40, right: 12, top: 12, bottom: 28 };

const verdictKey: Record<SpcChart["verdict"], MessageKey> = {
  change: "spcChange",
  common: "spcCommon",
  too_few: "spcTooFew",
};

/** The limits as steps: each point's own 3-sigma band is flat across its slot. */
function stepPath(values: readonly ({ x: number; y: number } | null)[], half: number): string[] {
  return runs(values).map((run) =>
    linePath(
      run.items.flatMap((p): Point[] => [
        { x: p.x - half, y: p.y },
        { x: p.x + half, y: p.y },
      ]),
    ),
  );
}

/**
 * A p-chart of one headline: each period's share, the centre line (the whole selection's
 * share), 3-sigma limits that widen where a period has few answers, and the target. The
 * server judges the signals (points outside the limits, Anhøj's run rules); the chart says its
 * verdict in words. Hidden and closed periods are gaps, never points.
 */
export function PChart({
  points,
  spc,
  code,
  by,
}: {
  points: TrendPoint[];
  spc: SpcChart;
  code: HeadlineCode;
  by: Grouping;
}) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const width = narrow ? 360 : 720;
  const height = narrow ? 220 : 260;
  const ticks = narrow ? 4 : 6;
  const slot = (width - pad.left - pad.right) / Math.max(1, points.length);
  const x = (index: number) => pad.left + (index + 0.5) * slot;
  const lows = [
    ...spc.points.flatMap((p) => (p.lower === null ? [] : [p.lower])),
    ...spc.points.flatMap((p) => (p.percent === null ? [] : [p.percent])),
    ...(spc.target ? [spc.target.percent] : []),
    ...(spc.centre === null ? [] : [spc.centre]),
  ];
  const floor = yFloor(lows);
  const y = linearScale([floor, 100], [height - pad.bottom, pad.top]);
  const byPeriod = new Map(spc.points.map((p) => [p.period, p]));
  const spcOf = (point: TrendPoint) => byPeriod.get(point.period);
  const shown = points.map((point, index) => {
    const p = spcOf(point);
    return p && p.percent !== null ? { index, percent: p.percent, outside: p.outside } : null;
  });
  const limit = (side: "lower" | "upper") =>
    points.map((point, index) => {
      const value = spcOf(point)?.[side] ?? null;
      return value === null ? null : { x: x(index), y: y(value) };
    });
  const verdict = t(verdictKey[spc.verdict]);
  const label = `${t("trendChart")}: ${t(`h_${code}`)}. ${verdict}.`;
  const centre = spc.centre;
  const target = spc.target;
  return (
    <figure className="card pchart" data-verdict={spc.verdict}>
      <p className={`verdict ${spc.verdict}`} data-testid="spc-verdict">
        <strong>{verdict}</strong>{" "}
        <span className="muted small">
          {t("spcRuns")
            .replace("{run}", String(spc.runs.longestRun))
            .replace("{runLimit}", String(spc.runs.longestRunLimit))
            .replace("{crossings}", String(spc.runs.crossings))
            .replace("{crossingsMin}", String(spc.runs.crossingsMin))}
        </span>
      </p>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {gridLines(floor).map((v) => (
          <g key={v}>
            <line className="grid" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end">
              {v} %
            </text>
          </g>
        ))}
        {stepPath(limit("upper"), slot / 2).map((d) => (
          <path key={`u${d}`} className="limit" d={d} />
        ))}
        {stepPath(limit("lower"), slot / 2).map((d) => (
          <path key={`l${d}`} className="limit" d={d} />
        ))}
        {centre !== null && (
          <line
            className="centre"
            x1={pad.left}
            x2={width - pad.right}
            y1={y(centre)}
            y2={y(centre)}
          />
        )}
        {target && (
          <g className="target" data-testid="target-line">
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(target.percent)}
              y2={y(target.percent)}
            />
            <text x={width - pad.right} y={y(target.percent) - 4} textAnchor="end">
              {t("target")} {formatPercent(target.percent, lang)}
            </text>
          </g>
        )}
        {runs(shown).map((run) => (
          <path
            key={run.start}
            className="line"
            d={linePath(run.items.map((p) => ({ x: x(p.index), y: y(p.percent) })))}
          />
        ))}
        {shown.map(
          (p) =>
            p && (
              <circle
                key={p.index}
                className={`dot${p.outside ? " outside" : ""}${points[p.index]?.provisional ? " provisional" : ""}`}
                cx={x(p.index)}
                cy={y(p.percent)}
                r={p.outside ? 4.5 : 3}
              />
            ),
        )}
        {tickIndices(points.length, ticks).map((i) => {
          const point = points[i];
          return (
            point && (
              <text key={i} x={x(i)} y={height - 8} textAnchor={anchorOf(i, points.length)}>
                {formatPeriod(point, by, lang)}
              </text>
            )
          );
        })}
      </svg>
      <p className="legend muted small">
        <span className="key centre-key" aria-hidden="true" /> {t("centreLine")}
        {centre !== null && ` ${formatPercent(centre, lang, 1)}`} ·{" "}
        <span className="key limit-key" aria-hidden="true" /> {t("limits")} ·{" "}
        <span className="key outside-key" aria-hidden="true" /> {t("outsideLimits")}
        {target && (
          <>
            {" · "}
            <span className="key target-key" aria-hidden="true" /> {t("target")}{" "}
            {formatPercent(target.percent, lang)}
          </>
        )}
      </p>
      <details className="data-table">
        <summary>{t("showTable")}</summary>
        <ScrollTable label={label}>
          <table>
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t("periodColumn")}</th>
                <th scope="col" className="numeric">
                  {t("responses")}
                </th>
                <th scope="col" className="numeric">
                  {t(`h_${code}`)}
                </th>
                <th scope="col" className="numeric">
                  n
                </th>
                <th scope="col">{t("limits")}</th>
                <th scope="col">{t("note")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => {
                const p = spcOf(point);
                const h = point[code];
                const notes = [
                  !point.open && t("closed"),
                  h.suppressed && t("hiddenFigure"),
                  p?.outside && t("outsideLimits"),
                  point.provisional && t("provisional"),
                ].filter((note): note is string => typeof note === "string");
                return (
                  <tr key={point.period} data-period={point.period}>
                    <th scope="row">{formatPeriod(point, by, lang)}</th>
                    <td className="numeric">{formatCount(point.responses, lang)}</td>
                    <td className="numeric">{point.open ? formatPercent(h.percent, lang) : ""}</td>
                    <td className="numeric">{point.open ? formatCount(h.n, lang) : ""}</td>
                    <td>
                      {p && p.lower !== null && p.upper !== null
                        ? `${formatNumber(p.lower, lang)}–${formatNumber(p.upper, lang)} %`
                        : ""}
                    </td>
                    <td>{notes.join(", ")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      </details>
    </figure>
  );
}
