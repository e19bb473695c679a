import type {
  LocalBreakdownReply,
  LocalVersionSummary,
} from "../../shared/local-breakdown-contract.ts";
import type { Queryable } from "../db.ts";
import type { LocalVersionRow } from "../queries/local-questions.ts";
import { type CountRow, countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import { countsByLocalAnswer } from "../queries/rollup-local-daily.ts";
import {
  type Counts,
  emptyCounts,
  hiddenOfMargin,
  hideAll,
  sumCounts,
} from "./figures-of-counts.ts";
import { headlinesOf } from "./headlines.ts";

/** Every version with whether it is its question's latest (the list the breakdown offers). */
export function versionSummaries(rows: readonly LocalVersionRow[]): LocalVersionSummary[] {
  const latest = new Map<string, number>();
  for (const row of rows)
    latest.set(row.questionId, Math.max(latest.get(row.questionId) ?? 0, row.version));
  return rows.map((row) => ({ ...row, latest: latest.get(row.questionId) === row.version }));
}

/** a − b, count by count, through the nested counts (never below 0). */
function minus(a: unknown, b: unknown): unknown {
  if (typeof a === "number") return Math.max(0, a - (typeof b === "number" ? b : 0));
  if (typeof a !== "object" || a === null) return a;
  const other = typeof b === "object" && b !== null ? (b as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(a).map(([key, value]) => [
      key,
      minus(value, Object.hasOwn(other, key) ? other[key] : undefined),
    ]),
  );
}

/** The selection minus the answer groups: those not asked or who skipped it. */
function restOf(total: Counts, groups: readonly Counts[]): Counts {
  // Same shape in, same shape out: the counts of our own questionnaire.
  return minus(total, sumCounts(groups)) as Counts;
}

/**
 * The breakdown of one selection's headlines by one local question version's answers, all from
 * rollups: the answers' counts (rollup_local_daily) and the selection's total (the core rollups,
 * read as the report reads them), fetched side by side. Pure apart from the two queries.
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
    // By date: for all sites that is the all-sites rollup's one row a day (rollups.ts).
    countsByDate(db, scope, range.from, range.to),
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
  const byCode = new Map<string, Counts>(answers.map((row) => [row.key, row]));
  const groups = version.answers.map((answer) => byCode.get(answer.code) ?? emptyCounts());
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
      responses: row.responses,
      ...headlinesOf(row, hidden[index] ?? hideAll),
    })),
  };
}
