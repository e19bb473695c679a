import { type CountValue, type Headline, shownCount } from "../../shared/figures.ts";
import {
  minutesOfDay,
  type OpeningHours,
  type Weekday,
  weekdays,
} from "../../shared/opening-hours.ts";
import type { Queryable } from "../db.ts";
import { countsByWeekdayHour, type RollupScope } from "../queries/report-rollups.ts";
import { type Counts, sumCounts } from "./figures-of-counts.ts";
import { type HeadlineCode, headlinesOf } from "./headlines.ts";

export type HeatmapCell = { weekday: Weekday; hour: number; responses: CountValue } & Record<
  HeadlineCode,
  Headline
>;

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
 * GET /dashboard/heatmap: hour × weekday within the opening hours of the sites in scope, each
 * cell under the small-number rule. Answers given outside opening hours (a tablet left on)
 * are counted apart rather than silently dropped.
 */
export async function buildHeatmap(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string },
  openingHours: readonly OpeningHours[],
) {
  const rows = new Map(
    (await countsByWeekdayHour(db, scope, range.from, range.to)).map((row) => [row.key, row]),
  );
  const cells: HeatmapCell[] = [];
  const outside: Counts[] = [];
  weekdays.forEach((weekday, index) => {
    for (let hour = 0; hour < 24; hour += 1) {
      const row: Counts | undefined = rows.get(`${index + 1}:${hour}`);
      if (openDuring(openingHours, weekday, hour)) {
        cells.push({
          weekday,
          hour,
          responses: shownCount(row?.responses ?? 0, true),
          ...headlinesOf(row ?? {}, true),
        });
      } else if (row) {
        outside.push(row);
      }
    }
  });
  return {
    ...range,
    cells,
    outsideOpeningHours: shownCount(sumCounts(outside).responses ?? 0, true),
  };
}
