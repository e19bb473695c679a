/**
 * Statistical process control for the trend: a p-chart (centre line = the selection's share,
 * 3-sigma limits that widen and narrow with each point's n) and the Anhøj run rules on the
 * points' side of the centre line (Anhøj & Olesen 2014): a run longer than round(log2(m) + 3)
 * or fewer crossings than the 5 % quantile of Binomial(m − 1, ½) — m the points not on the
 * line — is a sign of change; so is a point outside its limits. Otherwise: common variation.
 */
import type { Proportion } from "./figures.ts";

/** Fewer shown points than this: the run rules are not judged. */
export const minimumSpcPoints = 10;

export type PChartLimits = { lower: number; upper: number };

/** 3-sigma limits (proportions, 0–1) around centre p for a point of n answers. */
export function pChartLimits(centre: number, n: number): PChartLimits {
  const sigma = Math.sqrt((centre * (1 - centre)) / n);
  return { lower: Math.max(0, centre - 3 * sigma), upper: Math.min(1, centre + 3 * sigma) };
}

/** The largest c with P(Binomial(trials, ½) < c) ≤ 5 %: fewer crossings than c is a signal. */
export function crossingsMinimum(trials: number): number {
  if (trials <= 0) return 0;
  let cumulative = 0;
  let lnProbability = -trials * Math.LN2; // P(X = 0)
  for (let c = 0; c <= trials; c += 1) {
    const next = cumulative + Math.exp(lnProbability);
    if (next > 0.05) return c;
    cumulative = next;
    lnProbability += Math.log((trials - c) / (c + 1));
  }
  return trials;
}

export type RunRuleResult = {
  useful: number;
  longestRun: number;
  longestRunLimit: number;
  crossings: number;
  crossingsMin: number;
  signal: boolean;
};

/** Anhøj's rules on the sides (+1 above, −1 below, 0 on the line, skipped) of a series. */
export function anhoej(sides: readonly (-1 | 0 | 1)[]): RunRuleResult {
  const useful = sides.filter((side) => side !== 0);
  let longestRun = 0;
  let run = 0;
  let crossings = 0;
  useful.forEach((side, i) => {
    if (i > 0 && side !== useful[i - 1]) {
      crossings += 1;
      run = 1;
    } else run += 1;
    longestRun = Math.max(longestRun, run);
  });
  const m = useful.length;
  const longestRunLimit = m > 0 ? Math.round(Math.log2(m) + 3) : 0;
  const crossingsMin = crossingsMinimum(m - 1);
  return {
    useful: m,
    longestRun,
    longestRunLimit,
    crossings,
    crossingsMin,
    signal: m >= minimumSpcPoints && (longestRun > longestRunLimit || crossings < crossingsMin),
  };
}

export type PChartPoint = { limits: PChartLimits | null; outside: boolean; side: -1 | 0 | 1 };

/** Each point's limits and side of the centre; null entries (hidden, no answers) are skipped. */
export function pChart(centre: number, points: readonly (Proportion | null)[]): PChartPoint[] {
  return points.map((point) => {
    if (point === null || point.n <= 0) return { limits: null, outside: false, side: 0 };
    const p = point.count / point.n;
    const limits = pChartLimits(centre, point.n);
    const side = p > centre ? 1 : p < centre ? -1 : 0;
    return { limits, outside: p < limits.lower || p > limits.upper, side };
  });
}
