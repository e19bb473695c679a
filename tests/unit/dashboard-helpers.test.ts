import { describe, expect, it } from "vitest";
import { countNewlines, progressPercent } from "../../sync-server/dashboard/api/progress.ts";
import type { HeatmapCell } from "../../sync-server/dashboard/api/types.ts";
import { addDays, isIsoDate, lastDays, todayIn } from "../../sync-server/dashboard/app/dates.ts";
import {
  formatCount,
  formatInterval,
  formatOffset,
  formatPercent,
  hasFigure,
} from "../../sync-server/dashboard/app/format.ts";
import { textToHours, weekFromTexts } from "../../sync-server/dashboard/app/hours-text.ts";
import { hrefOf, routeOf, routes } from "../../sync-server/dashboard/app/router.ts";
import {
  anchorOf,
  bandPath,
  linePath,
  niceMax,
  runs,
  tickIndices,
  yFloor,
} from "../../sync-server/dashboard/components/chart-geometry.ts";
import { heatColor, heatmapGrid } from "../../sync-server/dashboard/components/heatmap-grid.ts";

describe("dashboard formatting", () => {
  it("shows hidden figures as hidden, never as a figure, and small results in full", () => {
    expect(formatCount(null, "da")).toBe("–");
    expect(formatCount(0, "da")).toBe("0");
    expect(formatPercent(null, "da")).toBe("–");
    expect(formatPercent(0, "da")).toBe("0 %");
    const hidden = { count: null, n: null, percent: null, ci95: null, uncertain: true };
    expect(hasFigure({ ...hidden, suppressed: true })).toBe(false);
    const zeroOfTwenty = { count: 0, n: 20, percent: 0, ci95: [0, 16.1] as [number, number] };
    expect(hasFigure({ ...zeroOfTwenty, uncertain: true, suppressed: false })).toBe(true);
  });

  it("formats Danish and English numbers", () => {
    expect(formatCount(1249, "da")).toBe("1.249");
    expect(formatCount(1249, "en")).toBe("1,249");
    expect(formatPercent(83.3, "da", 1)).toBe("83,3 %");
    expect(formatPercent(82.5, "da")).toBe("83 %");
    expect(formatInterval([73.9, 89.8], "da")).toBe("74–90 %");
    expect(formatOffset(-3400, "da")).toBe("-3,4 s");
    expect(formatOffset(300_000, "en")).toBe("5 min");
    expect(formatOffset(null, "en")).toBe("–");
  });
});

describe("dashboard dates", () => {
  it("counts calendar days across month ends and DST", () => {
    expect(addDays("2026-03-31", 1)).toBe("2026-04-01");
    expect(addDays("2026-10-25", -1)).toBe("2026-10-24");
    expect(lastDays("2026-11-23", 30)).toEqual({ from: "2026-10-25", to: "2026-11-23" });
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-02-28")).toBe(true);
  });

  it("takes today in the site's zone, not the browser's", () => {
    expect(todayIn("Europe/Copenhagen", new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
  });
});

describe("dashboard router", () => {
  it("maps every route to a Danish path and back", () => {
    for (const route of routes) expect(routeOf(hrefOf(route))).toBe(route);
    expect(routeOf("/dashboard/")).toBe("today");
    expect(routeOf("/dashboard")).toBe("today");
    expect(routeOf("/dashboard/eksport/")).toBe("export");
    expect(routeOf("/dashboard/nowhere")).toBeNull();
  });
});

describe("export progress", () => {
  it("counts line feeds and holds 99 % until the stream ends", () => {
    expect(countNewlines(new TextEncoder().encode("a;b\r\næ;ø\r\n"))).toBe(2);
    expect(progressPercent(50, 200, false)).toBe(25);
    expect(progressPercent(210, 200, false)).toBe(99);
    expect(progressPercent(0, 0, false)).toBe(0);
    expect(progressPercent(3, 200, true)).toBe(100);
  });
});

describe("chart geometry", () => {
  it("breaks lines at withheld days instead of bridging them", () => {
    expect(runs([1, 2, null, 3, null, null, 4, 5])).toEqual([
      { start: 0, items: [1, 2] },
      { start: 3, items: [3] },
      { start: 6, items: [4, 5] },
    ]);
    expect(runs([null, null])).toEqual([]);
  });

  it("builds paths, ticks and axes", () => {
    expect(
      linePath([
        { x: 0, y: 1 },
        { x: 2, y: 3 },
      ]),
    ).toBe("M0.0,1.0L2.0,3.0");
    expect(bandPath([{ x: 0, y: 1 }], [{ x: 0, y: 2 }])).toBe("M0.0,1.0L0.0,2.0Z");
    expect(tickIndices(30, 6)).toEqual([0, 6, 12, 17, 23, 29]);
    expect(tickIndices(3, 6)).toEqual([0, 1, 2]);
    expect(niceMax(87)).toBe(100);
    expect(niceMax(130)).toBe(200);
    expect(yFloor([81, 62])).toBe(50);
    expect(yFloor([])).toBe(0);
    expect(anchorOf(0, 5)).toBe("start");
    expect(anchorOf(4, 5)).toBe("end");
  });
});

describe("opening hours text", () => {
  it("reads what an admin types and refuses what it cannot read", () => {
    expect(textToHours("")).toEqual([]);
    expect(textToHours("9.30-12:00, 13:00–15:30")).toEqual([
      ["09:30", "12:00"],
      ["13:00", "15:30"],
    ]);
    expect(textToHours("15:00-10:00")).toBeNull();
    expect(textToHours("hele dagen")).toBeNull();
    const texts = { mon: "10:00-15:00", tue: "", wed: "", thu: "", fri: "", sat: "", sun: "" };
    expect(weekFromTexts(texts)?.mon).toEqual([["10:00", "15:00"]]);
    expect(weekFromTexts({ ...texts, sun: "x" })).toBeNull();
  });
});

describe("heatmap layout", () => {
  it("keeps only open weekdays and hours, and light enough colours for dark text", () => {
    const cell = (weekday: HeatmapCell["weekday"], hour: number) =>
      ({ weekday, hour, responses: 7 }) as unknown as HeatmapCell;
    const grid = heatmapGrid([cell("tue", 11), cell("mon", 10), cell("mon", 11)]);
    expect(grid.hours).toEqual([10, 11]);
    expect(grid.rows.map((row) => row.weekday)).toEqual(["mon", "tue"]);
    expect(heatColor(0)).toBe("hsl(212 70% 96%)");
    expect(heatColor(2)).toBe("hsl(212 70% 62%)");
  });
});
