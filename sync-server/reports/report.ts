import type { Queryable } from "../db.ts";
import { countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import {
  type Breakdown,
  breakdownOf,
  type QuestionsBlock,
  questionsOf,
  sumCounts,
} from "./figures-of-counts.ts";

export type Report = {
  from: string;
  to: string;
  site: string | null;
  kiosk: string | null;
  includeSuspect: boolean;
  responses: number;
  questions: QuestionsBlock;
  /** Days with at least one response, oldest first, under the small-number rule. */
  daily: (Breakdown & { date: string })[];
};

/**
 * GET /api/v1/report: the whole selection's figures (never suppressed: it is what the chief
 * asked for) and the daily breakdown (suppressed below 5), all from the daily rollups.
 */
export async function buildReport(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string; site: string | null },
): Promise<Report> {
  const days = await countsByDate(db, scope, range.from, range.to);
  const total = sumCounts(days);
  return {
    from: range.from,
    to: range.to,
    site: range.site,
    kiosk: scope.kioskId,
    includeSuspect: scope.includeSuspect,
    responses: total.responses ?? 0,
    questions: questionsOf(total, false),
    daily: days.map((day) => ({ date: day.key, ...breakdownOf(day) })),
  };
}
