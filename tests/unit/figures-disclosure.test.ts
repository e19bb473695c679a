import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countsWith } from "../../shared/counts.ts";
import {
  disclosureDefault,
  hiddenAlone,
  hiddenInMargin,
  hiddenNested,
  isDisclosureLimit,
} from "../../shared/disclosure.ts";
import {
  type Counts,
  hiddenOfMargin,
  hiddenOfMargins,
  hiddenOfSelection,
  questionsOf,
  sumCounts,
} from "../../sync-server/reports/figures-of-counts.ts";
import { headlinesOf } from "../../sync-server/reports/headlines.ts";

const k = disclosureDefault;
/** A group's counts for got_help only. */
const gotHelp = (
  yes: number,
  no: number,
  improve: { nothing: number; could_be_better: number } = { nothing: 0, could_be_better: 0 },
): Counts => countsWith({ responses: yes + no, answers: { got_help: { yes, no }, improve } });

describe("the disclosure rule: small groups hidden, small results shown", () => {
  it("shows a desk where 4 of 20 got help, and 0 of 20 — the group is large", () => {
    const desk = gotHelp(4, 16, { nothing: 0, could_be_better: 20 });
    const shown = questionsOf(desk, hiddenOfSelection(desk, k));
    expect(shown.got_help).toMatchObject({ n: 20, suppressed: false, counts: { yes: 4, no: 16 } });
    expect(shown.got_help.percent.yes).toBe(20);
    expect(shown.improve.counts.nothing).toBe(0);
    expect(shown.improve.percent.nothing).toBe(0);
    expect(headlinesOf(desk, hiddenOfSelection(desk, k)).nothing_to_improve.percent).toBe(0);
  });

  it("shows a heatmap cell of 4 of 6 exactly as one of 5 of 5", () => {
    const [four, five] = hiddenOfMargin([gotHelp(4, 2), gotHelp(5, 0)], k);
    expect(four?.got_help).toBe(false);
    expect(five?.got_help).toBe(false);
  });

  it("hides a group below k, and the whole selection below k too", () => {
    expect(hiddenAlone(4, 5)).toBe(true);
    expect(hiddenAlone(5, 5)).toBe(false);
    expect(hiddenAlone(0, 5)).toBe(false); // nobody answered: nothing to hide
    const day = gotHelp(2, 1);
    expect(questionsOf(day, hiddenOfSelection(day, k)).got_help).toMatchObject({
      n: null,
      suppressed: true,
      counts: { yes: null, no: null },
    });
  });

  it("takes k from 3 to 10", () => {
    expect([2, 3, 10, 11, 4.5, "5"].map(isDisclosureLimit)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(hiddenAlone(6, 7)).toBe(true);
    expect(hiddenAlone(3, 3)).toBe(false);
  });
});

describe("secondary suppression: nothing hidden can be worked out from what is shown", () => {
  it("n − the shown count: a group shows all of a question's counts or none", () => {
    const day = gotHelp(3, 1);
    const figures = questionsOf(day, hiddenOfSelection(day, k)).got_help;
    expect(Object.values(figures.counts)).toEqual([null, null]);
    expect(figures.n).toBeNull();
  });

  it("total − shown days: one hidden day makes the next-smallest day hidden too", () => {
    const days = [gotHelp(8, 2), gotHelp(2, 1), gotHelp(20, 5), gotHelp(6, 1)];
    const hidden = hiddenOfMargin(days, k).map((verdict) => verdict.got_help);
    expect(hidden).toEqual([false, true, false, true]);
    // What a reader can subtract: the hidden days together, never one of them.
    const hiddenTotal = days
      .filter((_, i) => hidden[i])
      .reduce((sum, day) => sum + day.answers.got_help.yes + day.answers.got_help.no, 0);
    expect(hiddenTotal).toBeGreaterThanOrEqual(k);
  });

  it("whole selection = a hidden day: a one-day selection is the same group, hidden alike", () => {
    const day = gotHelp(3, 0);
    const inRange = hiddenOfMargin([gotHelp(30, 3), day, gotHelp(9, 9)], k)[1];
    const alone = hiddenOfSelection(day, k);
    expect(inRange?.got_help).toBe(true);
    expect(alone.got_help).toBe(true);
  });

  it("several hidden groups that already hold k answers together need no more hiding", () => {
    expect(hiddenInMargin([3, 4, 40], 5)).toEqual([true, true, false]);
    expect(hiddenInMargin([0, 0, 40], 5)).toEqual([false, false, false]);
  });

  it("a margin with fewer than k answers in all hides every answered group", () => {
    expect(hiddenInMargin([1, 2, 0], 5)).toEqual([true, true, false]);
  });

  it("the 30 days before are hidden when they differ from the 7 by fewer than k", () => {
    expect(hiddenNested(52, 49, 5)).toBe(true);
    expect(hiddenNested(60, 49, 5)).toBe(false);
    expect(hiddenNested(49, 49, 5)).toBe(false); // no answers in days 8–30: nothing to hide
  });

  it("suppresses the kiosks of each site as their own margin", () => {
    const rows = [gotHelp(10, 10), gotHelp(2, 0), gotHelp(30, 0), gotHelp(12, 0)];
    const sites = ["a", "a", "b", "b"];
    const hidden = hiddenOfMargins(rows, (i) => sites[i] ?? "", k).map((v) => v.got_help);
    // Site a: the 2 needs its neighbour hidden; site b has nothing small.
    expect(hidden).toEqual([true, true, false, false]);
  });

  it("holds for any margin and k (property, seeded)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 3, max: 10 }),
        (ns, limit) => {
          const hidden = hiddenInMargin(ns, limit);
          const total = ns.reduce((sum, n) => sum + n, 0);
          const hiddenNs = ns.filter((_, i) => hidden[i]);
          const hiddenTotal = hiddenNs.reduce((sum, n) => sum + n, 0);
          // Every small group is hidden; no large one shown is small.
          ns.forEach((n, i) => {
            if (n > 0 && n < limit) expect(hidden[i]).toBe(true);
            if (n === 0) expect(hidden[i]).toBe(false);
          });
          // Margin minus the shown groups is 0, or at least k answers spread over 2+ groups.
          if (total >= limit) {
            expect(hiddenTotal === 0 || hiddenTotal >= limit).toBe(true);
            expect(hiddenNs.filter((n) => n > 0).length).not.toBe(1);
          }
        },
      ),
      { seed: 12, numRuns: 2000 },
    );
  });

  it("secondary suppression follows each question's own n (improve_reasons: could_be_better)", () => {
    const days: Counts[] = [
      gotHelp(10, 0, { nothing: 8, could_be_better: 2 }),
      gotHelp(10, 0, { nothing: 4, could_be_better: 6 }),
    ];
    const [first, second] = hiddenOfMargin(days, k);
    expect(first?.got_help).toBe(false);
    expect(first?.improve_reasons).toBe(true);
    expect(second?.improve_reasons).toBe(true); // else total − it = the first day's 2
    expect(sumCounts(days).answers.improve.could_be_better).toBe(8);
  });
});
