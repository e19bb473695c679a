import type { Grouping, TrendPoint } from "../api/types.ts";
import { formatPeriod } from "../app/format.ts";
import { useNarrow } from "../app/useNarrow.ts";
import { useI18n } from "../i18n/index.tsx";
import { anchorOf, linearScale, niceMax, tickIndices } from "./chart-geometry.ts";

const pad = { left: 40, right: 12, top: 10, bottom: 24 };

/**
 * Responses per period as bars. How many answered is never hidden (only what they answered
 * is); a closed period draws nothing, an open one without answers a 0.
 */
export function ResponsesChart({ days, by }: { days: TrendPoint[]; by: Grouping }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const width = narrow ? 360 : 720;
  const height = narrow ? 120 : 140;
  const ticks = narrow ? 4 : 6;
  const counts = days.map((day) => day.responses);
  const max = niceMax(Math.max(0, ...counts));
  const y = linearScale([0, max], [height - pad.bottom, pad.top]);
  const step = (width - pad.left - pad.right) / Math.max(1, days.length);
  const total = counts.reduce((sum, c) => sum + c, 0);
  const label = `${t("responsesPerPeriod")}: ${total} ${t("responses")}`;
  return (
    <figure className="card">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line className="grid" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const top = y(counts[i] ?? 0);
          return (
            <rect
              key={day.period}
              className={day.provisional ? "bar provisional" : "bar"}
              x={pad.left + i * step + step * 0.1}
              width={Math.max(0.5, step * 0.8)}
              y={top}
              height={Math.max(0, y(0) - top)}
            />
          );
        })}
        {tickIndices(days.length, ticks).map((i) => (
          <text
            key={i}
            x={pad.left + (i + 0.5) * step}
            y={height - 6}
            textAnchor={anchorOf(i, days.length)}
          >
            {days[i] ? formatPeriod(days[i], by, lang) : ""}
          </text>
        ))}
      </svg>
    </figure>
  );
}
