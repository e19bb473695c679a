import {
  minutesOfDay,
  type OpeningHours,
  type Weekday,
  weekdays,
} from "../../shared/opening-hours.ts";
import type { HeatmapCell, HeatmapReply } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { countsByWeekdayHour, type RollupScope } from "../queries/report-rollups.ts";
import {
  type Counts,
  emptyCounts,
  hiddenOfMargin,
  hideAll,
  sumCounts,
} from "./figures-of-counts.ts";
import { headlinesOf } from "./headlines.ts";

export type { HeatmapCell };

/** Whether any of the sites is open during some part of the hour [hour:00, hour+1:00). */
export function openDuring(
  hours: readonly OpeningHours[],
  weekday: Weekday,
  hour: number,
): boolean {
  const start = hour * 60;
  const end = start + 60;
  return hours.some((site) =>
    (site[weekday] ?? []).some(
      ([opens, closes]) => minutesOfDay(opens) < end && minutesOfDay(closes) > start,
    ),
  );
}

/**
 * GET /dashboard/heatmap: hour × weekday within the opening hours of the sites in scope.
 * Answers given outside opening hours (a tablet left on) are counted apart rather than silently
 * dropped. The cells and that remainder are one margin (they add up to the selection), under
 * the disclosure rule with secondary suppression.
 */
export async function buildHeatmap(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string },
  openingHours: readonly OpeningHours[],
  k: number,
): Promise<HeatmapReply> {
  const rows = new Map(
    (await countsByWeekdayHour(db, scope, range.from, range.to)).map((row) => [row.key, row]),
  );
  const open: { weekday: Weekday; hour: number; row: Counts }[] = [];
  const outside: Counts[] = [];
  weekdays.forEach((weekday, index) => {
    for (let hour = 0; hour < 24; hour += 1) {
      const row: Counts | undefined = rows.get(`${index + 1}:${hour}`);
      if (openDuring(openingHours, weekday, hour))
        open.push({ weekday, hour, row: row ?? emptyCounts() });
      else if (row) outside.push(row);
    }
  });
  const outsideCounts = sumCounts(outside);
  const hidden = hiddenOfMargin([...open.map((cell) => cell.row), outsideCounts], k);
  const cells: HeatmapCell[] = open.map((cell, index) => ({
    weekday: cell.weekday,
    hour: cell.hour,
    responses: cell.row.responses,
    ...headlinesOf(cell.row, hidden[index] ?? hideAll),
  }));
  return {
    from: range.from,
    to: range.to,
    disclosure: { k },
    cells,
    outsideOpeningHours: outsideCounts.responses,
  };
}
