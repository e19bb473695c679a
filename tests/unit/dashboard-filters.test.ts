import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Filters,
  groupings,
  lastWholeMonth,
  monthRange,
  parseFilters,
  periods,
  rangeOf,
  searchOf,
  withChange,
  yearEarlier,
} from "../../sync-server/dashboard/app/filters.ts";
import { formatPeriod } from "../../sync-server/dashboard/app/format.ts";
import { segmentsOf } from "../../sync-server/dashboard/components/stacked-segments.ts";

const site = "0190f4c2-7d4e-7a00-8000-000000000001";
const kiosk = "0190f4c2-7d4e-7a00-8000-000000000002";

describe("dashboard filters in the URL", () => {
  it("reads what a bookmark holds and writes it back the same", () => {
    const search = `?site=${site}&kiosk=${kiosk}&period=90&date=2026-11-30&by=week&compare=year&month=2026-10`;
    const filters = parseFilters(search);
    expect(filters).toEqual({
      site,
      kiosk,
      period: 90,
      date: "2026-11-30",
      by: "week",
      compareYear: true,
      month: "2026-10",
    });
    expect(searchOf(filters)).toBe(search);
  });

  it("falls back to the defaults for anything a hand-edited link gets wrong", () => {
    expect(
      parseFilters(
        "?site=x&kiosk=1;drop&period=12&date=2026-02-30&by=year&compare=no&month=2026-13",
      ),
    ).toEqual({
      site: undefined,
      kiosk: undefined,
      period: 30,
      date: undefined,
      by: undefined,
      compareYear: false,
      month: undefined,
    });
    expect(searchOf(parseFilters(""))).toBe("");
  });

  it("round-trips every valid combination (property)", () => {
    const filters = fc.record<Filters>({
      site: fc.option(fc.uuid(), { nil: undefined }),
      kiosk: fc.option(fc.uuid(), { nil: undefined }),
      period: fc.constantFrom(...periods),
      date: fc.option(
        fc
          .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        { nil: undefined },
      ),
      by: fc.option(fc.constantFrom(...groupings), { nil: undefined }),
      compareYear: fc.boolean(),
      month: fc.option(
        fc
          .tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }))
          .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(filters, (f) => {
        expect(parseFilters(searchOf(f))).toEqual(f);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it("drops the kiosk when the site changes, keeps it otherwise", () => {
    const start = parseFilters(`?site=${site}&kiosk=${kiosk}`);
    expect(withChange(start, { period: 90 }).kiosk).toBe(kiosk);
    expect(withChange(start, { site: undefined }).kiosk).toBeUndefined();
    expect(withChange(start, { site: kiosk }).kiosk).toBeUndefined();
    expect(withChange(start, { site, kiosk: undefined }).kiosk).toBeUndefined();
  });

  it("ends the period on the chosen date, and shifts it a year back", () => {
    const filters = parseFilters("?period=30&date=2026-03-31");
    expect(rangeOf(filters, "2026-12-01")).toEqual({ from: "2026-03-02", to: "2026-03-31" });
    expect(rangeOf(parseFilters(""), "2026-12-01")).toEqual({
      from: "2026-11-02",
      to: "2026-12-01",
    });
    expect(yearEarlier({ from: "2024-02-01", to: "2024-02-29" })).toEqual({
      from: "2023-02-01",
      to: "2023-02-28",
    });
  });

  it("knows months: their days and the last whole one", () => {
    expect(monthRange("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(monthRange("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthRange("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(lastWholeMonth("2026-12-02")).toBe("2026-11");
    expect(lastWholeMonth("2026-01-31")).toBe("2025-12");
  });
});

describe("dashboard period names and the stacked guidance bar", () => {
  it("names days, ISO weeks and months in Danish and English", () => {
    expect(formatPeriod({ period: "2026-W10", from: "2026-03-02" }, "week", "da")).toBe("uge 10");
    expect(formatPeriod({ period: "2026-W10", from: "2026-03-02" }, "week", "en")).toBe("week 10");
    expect(formatPeriod({ period: "2026-03", from: "2026-03-01" }, "month", "da")).toBe(
      "mar. 2026",
    );
    expect(formatPeriod({ period: "2026-03-02", from: "2026-03-02" }, "day", "da")).toBe("2. mar.");
  });

  const label = { da: "", en: "" };
  it("draws the study's 70/23/4/3 as four segments ending at exactly 100", () => {
    const segments = segmentsOf(
      [70.2, 22.6, 4.8, 2.5].map((percent, i) => ({ code: `c${i}`, label, percent })),
    );
    expect(segments.map((s) => s.code)).toEqual(["c0", "c1", "c2", "c3"]);
    expect(segments[0]).toMatchObject({ start: 0, width: 70.2 });
    const last = segments.at(-1);
    expect((last?.start ?? 0) + (last?.width ?? 0)).toBeCloseTo(100, 10);
  });

  it("never stretches shown shares over a hidden one", () => {
    const segments = segmentsOf([
      { code: "a", label, percent: 60 },
      { code: "b", label, percent: null },
      { code: "c", label, percent: 10 },
    ]);
    expect(segments).toEqual([
      { code: "a", index: 0, start: 0, width: 60 },
      { code: "c", index: 2, start: 60, width: 10 },
    ]);
  });
});
