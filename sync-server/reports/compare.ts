import type { CompareReply, CompareRow } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { countsByKiosk, countsBySite, type RollupScope } from "../queries/report-rollups.ts";
import { type Counts, emptyCounts, hiddenOfMargins, hideAll } from "./figures-of-counts.ts";
import { headlinesOf } from "./headlines.ts";

/**
 * GET /dashboard/compare: one row per site or kiosk in scope (none left out for having no
 * data). Sites form one margin; kiosks one per site (a site's total is one request away, so a
 * single hidden kiosk would otherwise be that total minus its neighbours).
 */
export async function buildComparison(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string },
  by: "site" | "kiosk",
  units: readonly { id: string; name: string; siteId: string }[],
  k: number,
): Promise<CompareReply> {
  const rows =
    by === "site"
      ? await countsBySite(db, scope, range.from, range.to)
      : await countsByKiosk(db, scope, range.from, range.to);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const counts: Counts[] = units.map((unit) => byKey.get(unit.id) ?? emptyCounts());
  const hidden = hiddenOfMargins(
    counts,
    (index) => (by === "site" ? "" : (units[index]?.siteId ?? "")),
    k,
  );
  const comparison: CompareRow[] = units.map((unit, index) => {
    const row = counts[index] ?? emptyCounts();
    return {
      id: unit.id,
      name: unit.name,
      siteId: unit.siteId,
      responses: row.responses,
      ...headlinesOf(row, hidden[index] ?? hideAll),
    };
  });
  return { from: range.from, to: range.to, by, disclosure: { k }, rows: comparison };
}
