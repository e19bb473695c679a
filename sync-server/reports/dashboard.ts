import type { Headline } from "../../shared/figures.ts";
import { type CountValue, shownCount } from "../../shared/figures.ts";
import type { Queryable } from "../db.ts";
import {
  type CountRow,
  countsByDate,
  countsByKiosk,
  countsBySite,
  type RollupScope,
} from "../queries/report-rollups.ts";
import { type Counts, sumCounts } from "./figures-of-counts.ts";
import { type HeadlineCode, headlinesOf, type TodayFigure, todayFigures } from "./headlines.ts";
import { addDays, datesBetween } from "./local-time.ts";

/** GET /dashboard/today: today beside the 7 and 30 days before it. */
export async function buildToday(db: Queryable, scope: RollupScope, today: string) {
  const rows = await countsByDate(db, scope, addDays(today, -30), today);
  const within = (from: string, to: string) =>
    sumCounts(rows.filter((row) => row.key >= from && row.key <= to));
  const day = within(today, today);
  const last7 = within(addDays(today, -7), addDays(today, -1));
  const last30 = within(addDays(today, -30), addDays(today, -1));
  return {
    date: today,
    responses: {
      today: day.responses ?? 0,
      last7: last7.responses ?? 0,
      last30: last30.responses ?? 0,
    },
    figures: todayFigures(day, last7, last30) satisfies Record<HeadlineCode, TodayFigure>,
  };
}

export type TrendPoint = { date: string; responses: CountValue } & Record<HeadlineCode, Headline>;

/** GET /dashboard/trend: every date of the range (days without answers too), suppressed below 5. */
export async function buildTrend(db: Queryable, scope: RollupScope, from: string, to: string) {
  const rows = new Map((await countsByDate(db, scope, from, to)).map((row) => [row.key, row]));
  const days: TrendPoint[] = datesBetween(from, to).map((date) => {
    const row: Counts = rows.get(date) ?? {};
    return { date, responses: shownCount(row.responses ?? 0, true), ...headlinesOf(row, true) };
  });
  return { from, to, days };
}

export type ComparisonRow = {
  id: string;
  name: string;
  siteId: string;
  responses: CountValue;
} & Record<HeadlineCode, Headline>;

/** GET /dashboard/compare: one row per site or kiosk in scope (none left out for having no data). */
export async function buildComparison(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string },
  by: "site" | "kiosk",
  units: readonly { id: string; name: string; siteId: string }[],
) {
  const rows: CountRow[] =
    by === "site"
      ? await countsBySite(db, scope, range.from, range.to)
      : await countsByKiosk(db, scope, range.from, range.to);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const comparison: ComparisonRow[] = units.map((unit) => {
    const row: Counts = byKey.get(unit.id) ?? {};
    return {
      id: unit.id,
      name: unit.name,
      siteId: unit.siteId,
      responses: shownCount(row.responses ?? 0, true),
      ...headlinesOf(row, true),
    };
  });
  return { ...range, by, rows: comparison };
}
