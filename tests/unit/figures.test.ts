import { describe, expect, it } from "vitest";
import {
  guidanceFigures,
  headline,
  intervalsApart,
  percent,
  questionFigures,
  roundTo,
  significantChange,
  wilson,
} from "../../shared/figures.ts";

describe("percentages to one decimal", () => {
  it("rounds half away from zero, without binary surprises", () => {
    expect(percent(70, 84)).toBe(83.3);
    expect(percent(14, 84)).toBe(16.7);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(0.05, 1)).toBe(0.1);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
  });

  it("gives no percentage without answers", () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(0, 7)).toBe(0);
    expect(percent(7, 7)).toBe(100);
  });
});

describe("Wilson score interval (95 %)", () => {
  it("matches reference values", () => {
    expect(wilson(70, 84)).toEqual([73.9, 89.8]);
    expect(wilson(8, 10)).toEqual([49, 94.3]);
    expect(wilson(65, 70)).toEqual([84.3, 96.9]);
    expect(wilson(1, 2)).toEqual([9.5, 90.5]);
  });

  it("stays within 0–100 and is not degenerate at 0 % and 100 %", () => {
    expect(wilson(0, 10)).toEqual([0, 27.8]);
    expect(wilson(10, 10)).toEqual([72.2, 100]);
    const [low, high] = wilson(1, 1) ?? [0, 0];
    expect(low).toBeGreaterThan(0);
    expect(high).toBe(100);
  });

  it("contains the point estimate and narrows as n grows", () => {
    for (const [count, n] of [
      [3, 7],
      [30, 70],
      [300, 700],
    ] as const) {
      const [low, high] = wilson(count, n) ?? [0, 0];
      const p = percent(count, n) ?? -1;
      expect(low).toBeLessThanOrEqual(p);
      expect(high).toBeGreaterThanOrEqual(p);
    }
    const width = (count: number, n: number) => {
      const [low, high] = wilson(count, n) ?? [0, 0];
      return high - low;
    };
    expect(width(30, 70)).toBeLessThan(width(3, 7));
    expect(width(300, 700)).toBeLessThan(width(30, 70));
  });

  it("has no interval without answers and refuses impossible counts", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(11, 10)).toThrow(RangeError);
  });
});

describe("a question's figures", () => {
  it("gives n, counts, percentages and intervals in the questionnaire's order", () => {
    const figures = questionFigures(["yes", "no"], { yes: 70, no: 14 });
    expect(figures).toEqual({
      n: 84,
      counts: { yes: 70, no: 14 },
      percent: { yes: 83.3, no: 16.7 },
      ci95: { yes: [73.9, 89.8], no: wilson(14, 84) },
    });
    expect(Object.keys(figures.counts)).toEqual(["yes", "no"]);
  });

  it("shows answers nobody gave as 0 and a question nobody answered without percentages", () => {
    expect(questionFigures(["yes", "no"], { yes: 5 }).percent).toEqual({ yes: 100, no: 0 });
    expect(questionFigures(["yes", "no"], {})).toEqual({
      n: 0,
      counts: { yes: 0, no: 0 },
      percent: { yes: null, no: null },
      ci95: { yes: null, no: null },
    });
  });

  it("takes n from outside for multiple-choice reasons (of those who said could be better)", () => {
    const reasons = questionFigures(
      ["shorter_wait", "help_with_everything", "know_departments", "other"],
      { shorter_wait: 10, help_with_everything: 6, know_departments: 4, other: 1 },
      { n: 17 },
    );
    expect(reasons.n).toBe(17);
    expect(reasons.percent).toEqual({
      shorter_wait: 58.8,
      help_with_everything: 35.3,
      know_departments: 23.5,
      other: 5.9,
    });
  });

  it("adds the guidance top two (the study's 93 %)", () => {
    const guidance = guidanceFigures(["very_good", "good", "poor", "unacceptable"], {
      very_good: 49,
      good: 16,
      poor: 3,
      unacceptable: 2,
    });
    expect(guidance.n).toBe(70);
    expect(guidance.topTwo).toEqual({ count: 65, percent: 92.9, ci95: [84.3, 96.9] });
  });
});

describe("small-number suppression", () => {
  it("shows counts below 5 as <5 and withholds their percentage and interval", () => {
    const figures = questionFigures(["yes", "no"], { yes: 17, no: 3 }, { suppress: true });
    expect(figures.n).toBe(20);
    expect(figures.counts).toEqual({ yes: 17, no: "<5" });
    expect(figures.percent).toEqual({ yes: 85, no: null });
    expect(figures.ci95.no).toBeNull();
    expect(figures.ci95.yes).toEqual(wilson(17, 20));
  });

  it("withholds every percentage when n itself is below 5, and treats 0 as small", () => {
    const figures = questionFigures(["yes", "no"], { yes: 4, no: 0 }, { suppress: true });
    expect(figures).toEqual({
      n: "<5",
      counts: { yes: "<5", no: "<5" },
      percent: { yes: null, no: null },
      ci95: { yes: null, no: null },
    });
  });

  it("keeps 5 and above, and suppresses nothing for the whole selection", () => {
    expect(questionFigures(["yes", "no"], { yes: 5, no: 5 }, { suppress: true }).counts).toEqual({
      yes: 5,
      no: 5,
    });
    expect(questionFigures(["yes", "no"], { yes: 8, no: 2 }).counts).toEqual({ yes: 8, no: 2 });
  });

  it("suppresses the guidance top two too", () => {
    const small = guidanceFigures(
      ["very_good", "good", "poor", "unacceptable"],
      { very_good: 2, good: 1, poor: 0, unacceptable: 0 },
      { suppress: true },
    );
    expect(small.topTwo).toEqual({ count: "<5", percent: null, ci95: null });
  });

  it("applies to headline figures and marks fewer than 30 answers as uncertain", () => {
    expect(headline({ count: 3, n: 12 }, { suppress: true })).toEqual({
      count: "<5",
      n: 12,
      percent: null,
      ci95: null,
      uncertain: true,
    });
    expect(headline({ count: 25, n: 30 })).toMatchObject({ percent: 83.3, uncertain: false });
  });
});

describe("a change larger than the noise", () => {
  it("marks a real change with its direction (two-proportion z-test, 5 %)", () => {
    expect(significantChange({ count: 50, n: 100 }, { count: 65, n: 100 })).toBe("up");
    expect(significantChange({ count: 65, n: 100 }, { count: 50, n: 100 })).toBe("down");
    expect(significantChange({ count: 800, n: 1000 }, { count: 60, n: 100 })).toBe("down");
  });

  it("leaves noise unmarked, and small samples especially", () => {
    expect(significantChange({ count: 50, n: 100 }, { count: 60, n: 100 })).toBeNull();
    expect(significantChange({ count: 4, n: 5 }, { count: 2, n: 5 })).toBeNull();
    expect(significantChange({ count: 0, n: 0 }, { count: 2, n: 5 })).toBeNull();
    expect(significantChange({ count: 5, n: 5 }, { count: 9, n: 9 })).toBeNull();
  });

  it("is weaker than requiring the intervals not to overlap", () => {
    expect(intervalsApart({ count: 50, n: 100 }, { count: 65, n: 100 })).toBe(false);
    expect(intervalsApart({ count: 50, n: 100 }, { count: 80, n: 100 })).toBe(true);
    expect(intervalsApart({ count: 50, n: 0 }, { count: 80, n: 100 })).toBe(false);
  });
});
