/**
 * Honest change signals: is today's share different from the days before it by more than
 * chance? Exact conditional test on the 2×2 table (today yes/no against the period yes/no),
 * two-sided mid-p (Lancaster): closer to the nominal 5 % than Fisher's exact test, which is
 * conservative for small tables, and unlike the z-test honest for 9 of 11 against 49 of 50.
 * A page runs several tests at once (four headlines × two periods), so the p-values are
 * adjusted by Holm's step-down method: under no change the chance of any arrow on the page
 * stays at most alpha, whatever the dependence between the tests.
 */
import type { Proportion } from "./figures.ts";

export const changeAlpha = 0.05;

const lnFactorialCache: number[] = [0];

/** ln(n!) exactly (summed) up to 10 000, Stirling's series beyond (error < 1e-15 there). */
function lnFactorial(n: number): number {
  if (n < 10_000) {
    for (let i = lnFactorialCache.length; i <= n; i += 1) {
      lnFactorialCache.push((lnFactorialCache[i - 1] ?? 0) + Math.log(i));
    }
    return lnFactorialCache[n] ?? 0;
  }
  const x = n + 1;
  return (
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3)
  );
}

const lnChoose = (n: number, k: number) => lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k);

/**
 * Two-sided mid-p of the exact conditional test for a (today) against b (the period): under
 * no difference, a.count given all margins is hypergeometric. mid-p = twice the smaller tail,
 * counting the observed table half. Null when either side has no answers or nothing varies.
 */
export function midP(a: Proportion, b: Proportion): number | null {
  if (a.n <= 0 || b.n <= 0) return null;
  const yes = a.count + b.count;
  const total = a.n + b.n;
  if (yes === 0 || yes === total) return null;
  const low = Math.max(0, yes - b.n);
  const high = Math.min(a.n, yes);
  // P(X = x) from the mode outwards by the ratio of neighbours: one logarithm, no underflow
  // where it matters (terms far in the tails are below 1e-300 of the mode and add nothing).
  const mode = Math.min(high, Math.max(low, Math.floor(((a.n + 1) * (yes + 1)) / (total + 2))));
  const atMode = Math.exp(lnChoose(a.n, mode) + lnChoose(b.n, yes - mode) - lnChoose(total, yes));
  const up = (x: number) => ((a.n - x) * (yes - x)) / ((x + 1) * (b.n - yes + x + 1));
  let below = 0;
  let above = 0;
  let at = 0;
  const add = (x: number, p: number) => {
    if (x < a.count) below += p;
    else if (x > a.count) above += p;
    else at = p;
  };
  add(mode, atMode);
  for (let x = mode, p = atMode; x < high && p > 1e-300; x += 1) {
    p *= up(x);
    add(x + 1, p);
  }
  for (let x = mode, p = atMode; x > low && p > 1e-300; x -= 1) {
    p /= up(x - 1);
    add(x - 1, p);
  }
  return Math.min(1, 2 * Math.min(below + at / 2, above + at / 2));
}

/**
 * Holm's step-down adjustment: the i-th smallest of m p-values is multiplied by (m − i), kept
 * non-decreasing and capped at 1. Nulls (no test) are not in the family and stay null.
 */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((x, y) => x.p - y.p);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, p * (tested.length - rank)));
    adjusted[index] = running;
  });
  return adjusted;
}

/** The direction of today against the period, from the raw shares. */
export function directionOf(today: Proportion, period: Proportion): "up" | "down" {
  return today.count / today.n >= period.count / period.n ? "up" : "down";
}
