/** Pure chart geometry (unit-tested): scales and SVG paths that break where data is withheld. */

export type Point = { x: number; y: number };

export function linearScale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * Splits a series into runs of consecutive known values: a day with "<5" or no answers is a
 * gap in the line, never bridged, because drawing through it would invent a figure.
 */
export function runs<T>(values: readonly (T | null)[]): { start: number; items: T[] }[] {
  const result: { start: number; items: T[] }[] = [];
  let current: { start: number; items: T[] } | null = null;
  values.forEach((value, index) => {
    if (value === null) {
      current = null;
      return;
    }
    if (!current) {
      current = { start: index, items: [] };
      result.push(current);
    }
    current.items.push(value);
  });
  return result;
}

export function linePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
}

/** A closed band between upper and lower points (same x), for the confidence interval. */
export function bandPath(upper: readonly Point[], lower: readonly Point[]): string {
  if (upper.length === 0) return "";
  return `${linePath(upper)}${[...lower]
    .reverse()
    .map((p) => `L${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join("")}Z`;
}

/** About `count` evenly spaced indices to label on an axis of `length` items (first and last). */
export function tickIndices(length: number, count: number): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

/** A "nice" upper bound for a count axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (value <= factor * power) return factor * power;
  return 10 * power;
}

/**
 * The bottom of a percentage axis: 0, 25, 50 or 75, whichever is the highest still below every
 * interval's lower bound. Satisfaction figures sit near the top; a fixed 0 would flatten them,
 * while the grid labels keep the cut axis visible.
 */
export function yFloor(lows: readonly number[]): number {
  if (lows.length === 0) return 0;
  const lowest = Math.min(...lows);
  return [75, 50, 25, 0].find((step) => step <= lowest) ?? 0;
}

export function gridLines(floor: number): number[] {
  const lines: number[] = [];
  for (let v = floor; v <= 100; v += floor >= 50 ? 10 : 25) lines.push(v);
  return lines;
}

/** Axis labels at the ends align inward so they are not clipped by the chart's edge. */
export function anchorOf(index: number, length: number): "start" | "middle" | "end" {
  if (index === 0) return "start";
  if (index === length - 1) return "end";
  return "middle";
}
