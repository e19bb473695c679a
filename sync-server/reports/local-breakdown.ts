import type {
  LocalBreakdownReply,
  LocalVersionSummary,
} from "../../shared/local-breakdown-contract.ts";
import type { Queryable } from "../db.ts";
import type { LocalVersionRow } from "../queries/local-questions.ts";
import {
  type CountRow,
  countsByKiosk,
  countsBySite,
  type RollupScope,
} from "../queries/report-rollups.ts";
import { countsByLocalAnswer } from "../queries/rollup-local-daily.ts";
import { type Counts, hiddenOfMargin, hideAll, sumCounts } from "./figures-of-counts.ts";
import { headlinesOf } from "./headlines.ts";

/** Every version with whether it is its question's latest (the list the breakdown offers). */
export function versionSummaries(rows: readonly LocalVersionRow[]): LocalVersionSummary[] {
  const latest = new Map<string, number>();
  for (const row of rows)
    latest.set(row.questionId, Math.max(latest.get(row.questionId) ?? 0, row.version));
  return rows.map((row) => ({ ...row, latest: latest.get(row.questionId) === row.version }));
}

/** The selection minus the answer groups: those not asked or who skipped it (never negative). */
function restOf(total: Counts, groups: readonly Counts[]): Counts {
  const answered = sumCounts(groups);
  const rest: Counts = {};
  for (const [key, value] of Object.entries(total))
    rest[key] = Math.max(0, value - (answered[key] ?? 0));
  return rest;
}

/**
 * The breakdown of one selection's headlines by one local question version's answers, all from
 * rollups: the answers' counts (rollup_local_daily) and the selection's total (the core rollups,
 * as the report reads them), fetched side by side. Pure apart from the two queries.
 */
export async function buildLocalBreakdown(
  db: Queryable,
  scope: RollupScope,
  version: LocalVersionSummary,
  range: { from: string; to: string; site: string | null },
  k: number,
): Promise<LocalBreakdownReply> {
  const [answers, units] = await Promise.all([
    countsByLocalAnswer(db, scope, version.id, range.from, range.to),
    scope.kioskId
      ? countsByKiosk(db, scope, range.from, range.to)
      : countsBySite(db, scope, range.from, range.to),
  ]);
  return localBreakdownOf(answers, sumCounts(units), scope, version, range, k);
}

/** The reply from already fetched counts (the benchmark times it apart from the queries). */
export function localBreakdownOf(
  answers: readonly CountRow[],
  total: Counts,
  scope: RollupScope,
  version: LocalVersionSummary,
  range: { from: string; to: string; site: string | null },
  k: number,
): LocalBreakdownReply {
  const byCode = new Map(answers.map((row) => [row.key, row as Counts]));
  const groups = version.answers.map((answer) => byCode.get(answer.code) ?? {});
  const all = [...groups, restOf(total, groups)];
  const hidden = hiddenOfMargin(all, k);
  const codes = [...version.answers.map((answer) => answer.code), null];
  return {
    from: range.from,
    to: range.to,
    site: range.site,
    kiosk: scope.kioskId,
    includeSuspect: scope.includeSuspect,
    disclosure: { k },
    question: version,
    rows: all.map((row, index) => ({
      answer: codes[index] ?? null,
      responses: row.responses ?? 0,
      ...headlinesOf(row, hidden[index] ?? hideAll),
    })),
  };
}
