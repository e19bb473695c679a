/**
 * The report maths, pure: proportions with their Wilson score intervals, percentages to one
 * decimal, the guidance top-two, small-number suppression and "is this change more than noise".
 * The server builds reports with it and the dashboard may reuse it; it does no I/O.
 */

/** Two-sided 95 %: the standard normal quantile for 0.975. */
export const z95 = 1.959963984540054;

/** Counts below this are shown as "<5" in breakdowns finer than the whole selection. */
export const smallCountLimit = 5;
export const suppressed = "<5" as const;
export type Suppressed = typeof suppressed;

/** Figures from fewer answers than this are marked uncertain on the dashboard. */
export const uncertainBelow = 30;

export type Interval = [number, number];

/** Rounds half away from zero to `decimals`, avoiding the 1.005 → 1.00 binary trap. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const shifted = Math.abs(value) * factor;
  const rounded = Math.round(Number(shifted.toPrecision(12)));
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

/**
 * Whether proportion b differs from a by more than the noise, at the 5 % level: a two-sided,
 * pooled two-proportion z-test. "up"/"down" is the direction of b relative to a; null means no
 * mark (including when either side has no answers). Non-overlapping Wilson intervals imply this
 * test's significance, but the test also catches real changes whose intervals slightly overlap.
 */
export function significantChange(a: Proportion, b: Proportion): "up" | "down" | null {
  if (a.n <= 0 || b.n <= 0) return null;
  const pa = a.count / a.n;
  const pb = b.count / b.n;
  const pooled = (a.count + b.count) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return null;
  const zScore = (pb - pa) / se;
  if (Math.abs(zScore) <= z95) return null;
  return zScore > 0 ? "up" : "down";
}

/** The stricter, easier-to-explain criterion: the two 95 % Wilson intervals do not overlap. */
export function intervalsApart(a: Proportion, b: Proportion): boolean {
  if (a.n <= 0 || b.n <= 0) return false;
  const [aLow, aHigh] = wilsonRaw(a.count, a.n);
  const [bLow, bHigh] = wilsonRaw(b.count, b.n);
  return aHigh < bLow || bHigh < aLow;
}

export type CountValue = number | Suppressed;

/** One question's figures: n answered it; counts, percentages and intervals per answer code. */
export type QuestionFigures = {
  n: CountValue;
  counts: Record<string, CountValue>;
  percent: Record<string, number | null>;
  ci95: Record<string, Interval | null>;
};

export type GuidanceFigures = QuestionFigures & {
  topTwo: { count: CountValue; percent: number | null; ci95: Interval | null };
};

/**
 * Figures for one question. `codes` fixes the order and includes answers nobody gave (0).
 * `n` defaults to the sum of the counts; improve_reasons passes the could_be_better count (a
 * citizen may tick several reasons). With `suppress`, every count below 5 — n included — is
 * "<5" and its percentage and interval are withheld (null).
 */
export function questionFigures(
  codes: readonly string[],
  counts: Readonly<Record<string, number>>,
  options: { n?: number; suppress?: boolean } = {},
): QuestionFigures {
  const n = options.n ?? codes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const hide = (count: number) => options.suppress === true && count < smallCountLimit;
  const figures: QuestionFigures = {
    n: hide(n) ? suppressed : n,
    counts: {},
    percent: {},
    ci95: {},
  };
  for (const code of codes) {
    const count = counts[code] ?? 0;
    const hidden = hide(count) || hide(n);
    figures.counts[code] = hide(count) ? suppressed : count;
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
  options: { suppress?: boolean } = {},
): GuidanceFigures {
  const base = questionFigures(codes, counts, options);
  const n = codes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const count = topTwoCodes.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const hidden = options.suppress === true && (count < smallCountLimit || n < smallCountLimit);
  return {
    ...base,
    topTwo: {
      count: options.suppress === true && count < smallCountLimit ? suppressed : count,
      percent: hidden ? null : percent(count, n),
      ci95: hidden ? null : wilson(count, n),
    },
  };
}

/** A count for display: "<5" when it must be suppressed, else the number. */
export function shownCount(count: number, suppress: boolean): CountValue {
  return suppress && count < smallCountLimit ? suppressed : count;
}

/** A single headline proportion (e.g. "got help: yes") with its interval and flags. */
export type Headline = {
  count: CountValue;
  n: CountValue;
  percent: number | null;
  ci95: Interval | null;
  /** Fewer than 30 answers: show, but mark as uncertain. */
  uncertain: boolean;
};

export function headline(p: Proportion, options: { suppress?: boolean } = {}): Headline {
  const suppress = options.suppress === true;
  const hidden = suppress && (p.count < smallCountLimit || p.n < smallCountLimit);
  return {
    count: shownCount(p.count, suppress),
    n: shownCount(p.n, suppress),
    percent: hidden ? null : percent(p.count, p.n),
    ci95: hidden ? null : wilson(p.count, p.n),
    uncertain: p.n < uncertainBelow,
  };
}
