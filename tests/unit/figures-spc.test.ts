import { describe, expect, it } from "vitest";
import { anhoej, crossingsMinimum, pChart, pChartLimits } from "../../shared/spc.ts";
import { spcChart } from "../../sync-server/reports/trend.ts";

describe("p-chart limits", () => {
  it("are 3 sigma around the centre and narrow as n grows", () => {
    const small = pChartLimits(0.8, 25);
    expect(small.lower).toBeCloseTo(0.8 - 3 * Math.sqrt(0.16 / 25), 12);
    expect(small.upper).toBeCloseTo(1, 12); // 0.8 + 0.24 capped at 1
    const large = pChartLimits(0.8, 400);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
    expect(large.lower).toBeCloseTo(0.74, 12);
  });

  it("mark a point outside its own limits", () => {
    const points = pChart(0.8, [{ count: 60, n: 100 }, { count: 80, n: 100 }, null]);
    expect(points.map((p) => p.outside)).toEqual([true, false, false]);
    expect(points.map((p) => p.side)).toEqual([-1, 0, 0]);
  });
});

describe("Anhøj's run rules", () => {
  it("use the published limits", () => {
    // Anhøj & Olesen 2014, table 1: 10 points → run > 6 or crossings < 2; 20 → 7 / 6; 30 → 8 / 10.
    expect(crossingsMinimum(9)).toBe(2);
    expect(crossingsMinimum(19)).toBe(6);
    expect(crossingsMinimum(29)).toBe(10);
    expect(anhoej(Array(20).fill(1)).longestRunLimit).toBe(7);
  });

  it("call alternating noise common variation and a long run a sign of change", () => {
    const noise = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? -1 : 1) as -1 | 1);
    expect(anhoej(noise).signal).toBe(false);
    const shift = [...Array(10).fill(-1), ...Array(10).fill(1)] as (-1 | 1)[];
    const result = anhoej(shift);
    expect(result).toMatchObject({ useful: 20, longestRun: 10, crossings: 1, signal: true });
  });

  it("skip points on the centre line and judge nothing below 10 points", () => {
    expect(anhoej([1, 0, 1, 0, 1]).useful).toBe(3);
    expect(anhoej(Array(8).fill(1)).signal).toBe(false);
  });
});

describe("a headline's chart", () => {
  const points = (shares: number[], n = 50) =>
    shares.map((share, i) => ({
      period: `2026-03-${String(i + 1).padStart(2, "0")}`,
      proportion: { count: Math.round(share * n), n },
      hidden: false,
    }));

  it("shows a shift as tegn på ændring", () => {
    const series = points([...Array(12).fill(0.7), ...Array(12).fill(0.9)]);
    const total = series.reduce(
      (sum, p) => ({ count: sum.count + p.proportion.count, n: sum.n + p.proportion.n }),
      { count: 0, n: 0 },
    );
    const chart = spcChart(total, false, series, null);
    expect(chart.centre).toBe(80);
    expect(chart.verdict).toBe("change");
  });

  it("leaves hidden points out of the limits and the runs", () => {
    const series = points(Array(12).fill(0.8));
    series[3] = { ...series[3], hidden: true } as (typeof series)[number];
    const chart = spcChart({ count: 480, n: 600 }, false, series, null);
    expect(chart.points[3]).toMatchObject({ percent: null, lower: null, upper: null });
    expect(chart.verdict).toBe("common");
  });

  it("draws no chart when the whole selection is hidden", () => {
    const chart = spcChart({ count: 2, n: 3 }, true, points([0.5]), { percent: 90, siteId: null });
    expect(chart).toMatchObject({ centre: null, verdict: "too_few", target: { percent: 90 } });
  });
});
