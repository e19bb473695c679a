/**
 * The report maths, pure: proportions with their Wilson score intervals, percentages to one
 * decimal, the guidance top-two, and a question's figures once the disclosure rule
 * (shared/disclosure.ts) has said whether its group may be shown. The server builds reports
 * with it and the dashboard may reuse it; it does no I/O.
 */
import type { GuidanceFigures, Headline, Interval, QuestionFigures } from "./report-contract.ts";

export type { GuidanceFigures, Headline, Interval, QuestionFigures };

/** Two-sided 95 %: the standard normal quantile for 0.975. */
export const z95 = 1.959963984540054;

/** Figures from fewer answers than this are marked uncertain on the dashboard. */
export const uncertainBelow = 30;

/**
 * Rounds half away from zero to `decimals`, avoiding the 1.005 → 1.00 binary trap: a value a
 * few ulps below a half (100.49999999999999 for 1.005 × 100) is a half that binary lost. A
 * relative nudge of 4 ulps does what toPrecision(12) did, ~14× faster — a year's report
 * rounds some 15 000 figures (tests/unit/figures.test.ts checks both agree on every share).
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const shifted = Math.abs(value) * factor;
  const rounded = Math.round(shifted * (1 + 4 * Number.EPSILON));
  return (Math.sign(value) * rounded) / factor;
}

/** count of n as a percentage with one decimal; null when n is 0 (no answers, no figure). */
export function percent(count: number, n: number): number | null {
  if (n <= 0) return null;
  return roundTo((count * 100) / n, 1);
}

/**
 * Wilson score interval of count/n, in percent to one decimal. Unlike the textbook
 * p ± z·√(p(1−p)/n) it stays inside 0–100 and is honest for small n and for 0 % or 100 %,
 * which our per-day and per-kiosk figures often are. Null when n is 0.
 */
export function wilson(count: number, n: number, z = z95): Interval | null {
  if (n <= 0) return null;
  if (count < 0 || count > n) throw new RangeError(`count ${count} is not within 0…${n}`);
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = Math.max(0, centre - half);
  const high = Math.min(1, centre + half);
  return [roundTo(low * 100, 1), roundTo(high * 100, 1)];
}

/** Raw Wilson bounds as proportions (0–1), unrounded, for comparisons. */
function wilsonRaw(count: number, n: number, z = z95): Interval {
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export type Proportion = { count: number; n: number };

/** The stricter, easier-to-explain criterion: the two 95 % Wilson intervals do not overlap. */
export function intervalsApart(a: Proportion, b: Proportion): boolean {
  if (a.n <= 0 || b.n <= 0) return false;
  const [aLow, aHigh] = wilsonRaw(a.count, a.n);
  const [bLow, bHigh] = wilsonRaw(b.count, b.n);
  return aHigh < bLow || bHigh < aLow;
}

/**
 * Figures for one question. `codes` fixes the order and includes answers nobody gave (0).
 * `n` defaults to the sum of the counts; improve_reasons passes the could_be_better count (a
 * citizen may tick several reasons). `hidden` (the disclosure rule's verdict for this group)
 * withholds everything, n included; a shown group shows every count however small.
 */
export function questionFigures(
  codes: readonly string[],
  counts: Readonly<Record<string, number>>,
  options: { n?: number; hidden?: boolean } = {},
): QuestionFigures {
  const n = options.n ?? codes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const hidden = options.hidden === true;
  const figures: QuestionFigures = {
    n: hidden ? null : n,
    suppressed: hidden,
    counts: {},
    percent: {},
    ci95: {},
  };
  for (const code of codes) {
    const count = counts[code] ?? 0;
    figures.counts[code] = hidden ? null : count;
    figures.percent[code] = hidden ? null : percent(count, n);
    figures.ci95[code] = hidden ? null : wilson(count, n);
  }
  return figures;
}

/** The guidance question's share of "very good" or "good" (the study's 93 %). */
export const topTwoCodes = ["very_good", "good"] as const;

export function guidanceFigures(
  codes: readonly string[],
  counts: Readonly<Record<string, number>>,
  options: { hidden?: boolean } = {},
): GuidanceFigures {
  const base = questionFigures(codes, counts, options);
  const n = codes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const count = topTwoCodes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const hidden = options.hidden === true;
  return {
    ...base,
    topTwo: {
      count: hidden ? null : count,
      percent: hidden ? null : percent(count, n),
      ci95: hidden ? null : wilson(count, n),
    },
  };
}

/** A single headline proportion (e.g. "got help: yes") with its interval and flags. */
export function headline(p: Proportion, options: { hidden?: boolean } = {}): Headline {
  const hidden = options.hidden === true;
  return {
    count: hidden ? null : p.count,
    n: hidden ? null : p.n,
    percent: hidden ? null : percent(p.count, p.n),
    ci95: hidden ? null : wilson(p.count, p.n),
    // A hidden figure says nothing about its n, not even whether it reaches 30.
    uncertain: hidden || p.n < uncertainBelow,
    suppressed: hidden,
  };
}
