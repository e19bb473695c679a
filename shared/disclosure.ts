/**
 * Disclosure control, one rule everywhere (API, dashboard, figures.csv): a question's figures
 * in a group — a day, an hour, a weekday×hour cell, a site, a kiosk, and the whole selection
 * too — are shown when the group has at least k answers to that question, every count and
 * percentage however small (0 of 20 is a finding); below k they are hidden. A group nobody
 * answered has nothing to hide and is shown as 0 answers.
 *
 * Secondary suppression: within one reply or file, the groups of one margin (the days of a
 * range, the kiosks of a site, …) add up to the margin, which another request can show. If
 * the hidden groups of a margin held fewer than k answers together, margin − shown groups
 * would give them away (one hidden day = the range's total − the shown days). So the next-
 * smallest shown groups are hidden too, until the hidden ones hold at least k answers between
 * them. Complementary counts within a question cannot leak: a group shows all or none of them.
 */

export const disclosureDefault = 5;
export const disclosureMin = 3;
export const disclosureMax = 10;

export function isDisclosureLimit(value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= disclosureMin &&
    value <= disclosureMax
  );
}

/** The primary rule for one group on its own (the whole selection, today): hidden below k. */
export function hiddenAlone(n: number, k: number): boolean {
  return n > 0 && n < k;
}

/**
 * Which groups of one margin to hide, given each group's answers to one question: the primary
 * ones (0 < n < k) and then the next-smallest shown ones until the hidden answers total 0 or at
 * least k. When the whole margin has fewer than k, every answered group is hidden (and so is
 * the margin by the primary rule), so nothing can be subtracted out.
 */
export function hiddenInMargin(ns: readonly number[], k: number): boolean[] {
  const hidden = ns.map((n) => hiddenAlone(n, k));
  let hiddenTotal = ns.reduce((sum, n, i) => (hidden[i] ? sum + n : sum), 0);
  if (hiddenTotal === 0 || hiddenTotal >= k) return hidden;
  const candidates = ns
    .map((n, index) => ({ n, index }))
    .filter(({ n, index }) => n > 0 && !hidden[index])
    .sort((a, b) => a.n - b.n || a.index - b.index);
  for (const { n, index } of candidates) {
    if (hiddenTotal >= k) break;
    hidden[index] = true;
    hiddenTotal += n;
  }
  return hidden;
}

/**
 * Two nested selections shown side by side (the 30 days before today and the 7 of them
 * nearest): their difference is a group of its own. If it has fewer than k answers the outer
 * one is hidden, or outer − inner would show it.
 */
export function hiddenNested(outer: number, inner: number, k: number): boolean {
  return hiddenAlone(outer, k) || hiddenAlone(outer - inner, k);
}
