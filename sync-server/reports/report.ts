import type { ReportReply } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { type CountRow, countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import {
  hiddenOfMargin,
  hiddenOfSelection,
  hideAll,
  questionsOf,
  sumCounts,
} from "./figures-of-counts.ts";
import { isProvisional, type ReportContext } from "./report-context.ts";

export type Report = ReportReply;

/**
 * GET /api/v1/report: the whole selection's figures and the daily breakdown, all from the daily
 * rollups, under one disclosure rule: the selection like any group (a one-day report shows no
 * more than that day in a longer range), the days with secondary suppression so that no hidden
 * day is the selection minus the shown ones.
 */
export async function buildReport(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string; site: string | null },
  context: ReportContext,
): Promise<Report> {
  return reportOfDays(await countsByDate(db, scope, range.from, range.to), scope, range, context);
}

/** The report from its days' counts: pure (the benchmark times it apart from the query). */
export function reportOfDays(
  days: readonly CountRow[],
  scope: RollupScope,
  range: { from: string; to: string; site: string | null },
  context: ReportContext,
): Report {
  const total = sumCounts(days);
  const hiddenDays = hiddenOfMargin(days, context.k);
  return {
    from: range.from,
    to: range.to,
    site: range.site,
    kiosk: scope.kioskId,
    includeSuspect: scope.includeSuspect,
    disclosure: { k: context.k },
    responses: total.responses,
    provisional: isProvisional(context, range),
    questions: questionsOf(total, hiddenOfSelection(total, context.k)),
    daily: days.map((day, index) => ({
      date: day.key,
      responses: day.responses,
      provisional: isProvisional(context, { from: day.key, to: day.key }),
      questions: questionsOf(day, hiddenDays[index] ?? hideAll),
    })),
  };
}
