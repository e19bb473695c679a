import { describe, expect, it } from "vitest";
import {
  guidanceFigures,
  headline,
  intervalsApart,
  percent,
  questionFigures,
  roundTo,
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

  it("rounds every share count/n (n ≤ 1000) exactly as decimal rounding of 12 digits would", () => {
    const decimal = (value: number) =>
      Math.round(Number((Math.abs(value) * 10).toPrecision(12))) / 10;
    let mismatches = 0;
    for (let n = 1; n <= 1000; n += 1) {
      for (let count = 0; count <= n; count += 1) {
        if (percent(count, n) !== decimal((count * 100) / n)) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
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
      suppressed: false,
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
      suppressed: false,
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

describe("a group the disclosure rule hides", () => {
  it("shows every count of a shown group however small (0 of 20 is a finding)", () => {
    const figures = questionFigures(["yes", "no"], { yes: 0, no: 20 });
    expect(figures).toMatchObject({ n: 20, suppressed: false, counts: { yes: 0, no: 20 } });
    expect(figures.percent).toEqual({ yes: 0, no: 100 });
    expect(figures.ci95.yes).toEqual(wilson(0, 20));
  });

  it("withholds everything of a hidden group, n included, as null (never a string)", () => {
    expect(questionFigures(["yes", "no"], { yes: 4, no: 0 }, { hidden: true })).toEqual({
      n: null,
      suppressed: true,
      counts: { yes: null, no: null },
      percent: { yes: null, no: null },
      ci95: { yes: null, no: null },
    });
  });

  it("hides the guidance top two with its group", () => {
    const small = guidanceFigures(
      ["very_good", "good", "poor", "unacceptable"],
      { very_good: 2, good: 1, poor: 0, unacceptable: 0 },
      { hidden: true },
    );
    expect(small.topTwo).toEqual({ count: null, percent: null, ci95: null });
  });

  it("applies to headlines, and marks fewer than 30 answers (or a hidden one) as uncertain", () => {
    expect(headline({ count: 3, n: 12 }, { hidden: true })).toEqual({
      count: null,
      n: null,
      percent: null,
      ci95: null,
      uncertain: true,
      suppressed: true,
    });
    expect(headline({ count: 3, n: 12 })).toMatchObject({ count: 3, percent: 25, uncertain: true });
    expect(headline({ count: 25, n: 30 })).toMatchObject({ percent: 83.3, uncertain: false });
  });
});

describe("non-overlapping intervals", () => {
  it("is a stricter criterion than a test", () => {
    expect(intervalsApart({ count: 50, n: 100 }, { count: 65, n: 100 })).toBe(false);
    expect(intervalsApart({ count: 50, n: 100 }, { count: 80, n: 100 })).toBe(true);
    expect(intervalsApart({ count: 50, n: 0 }, { count: 80, n: 100 })).toBe(false);
  });
});
