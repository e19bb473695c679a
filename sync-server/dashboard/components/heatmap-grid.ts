import type { HeatmapCell, Weekday } from "../api/types.ts";

/** Pure layout of the heatmap (unit-tested): weekdays with any open hour, and the hours used. */
export function heatmapGrid(cells: readonly HeatmapCell[]) {
  const order: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const hours = [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
  const rows = order
    .map((weekday) => ({
      weekday,
      cells: new Map(cells.filter((c) => c.weekday === weekday).map((c) => [c.hour, c])),
    }))
    .filter((row) => row.cells.size > 0);
  return { hours, rows };
}

/**
 * A light-to-mid blue for 0…1. Lightness never drops below 62 %, so the dark cell text keeps
 * well over 4.5:1 contrast on every shade.
 */
export function heatColor(fraction: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  return `hsl(212 70% ${Math.round(96 - f * 34)}%)`;
}
