import type { Interval } from "../api/types.ts";
import { formatInterval, formatPercent } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";

/**
 * A small 0–100 % bar: the 95 % interval as a band, the figure as a mark. The label says the
 * same in words, so the picture is never the only carrier of the numbers.
 */
export function IntervalBar({ percent, ci }: { percent: number; ci: Interval }) {
  const { t, lang } = useI18n();
  const label = `${formatPercent(percent, lang)}, ${t("interval")} ${formatInterval(ci, lang)}`;
  return (
    <svg
      className="interval-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <rect x="0" y="4" width="100" height="2" className="track" />
      <rect x={ci[0]} y="1.5" width={Math.max(0.8, ci[1] - ci[0])} height="7" className="band" />
      <rect
        x={Math.min(99.2, Math.max(0, percent - 0.4))}
        y="0"
        width="0.8"
        height="10"
        className="mark"
      />
    </svg>
  );
}
