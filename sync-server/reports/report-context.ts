import type { HeadlineCode } from "../../shared/headlines.ts";
import type { Target } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { provisionalSince } from "../queries/kiosks.ts";
import { disclosureLimitOf } from "../queries/municipalities.ts";
import type { RollupScope } from "../queries/report-rollups.ts";
import { listTargets, type TargetRecord } from "../queries/targets.ts";

/** What every figure of a reply depends on besides the counts. */
export type ReportContext = {
  /** The municipality's disclosure limit. */
  k: number;
  /** Days from this local date on are provisional (null: none). */
  provisionalSince: string | null;
};

export async function loadReportContext(db: Queryable, scope: RollupScope): Promise<ReportContext> {
  const [k, since] = await Promise.all([
    disclosureLimitOf(db, scope.municipalityId),
    provisionalSince(db, scope),
  ]);
  return { k, provisionalSince: since };
}

export function isProvisional(context: ReportContext, lastDate: string): boolean {
  return context.provisionalSince !== null && lastDate >= context.provisionalSince;
}

/**
 * The target that applies to a scope per headline: the site's own when the scope is one site,
 * else the municipality's; null when none is set.
 */
export function targetsFor(
  records: readonly TargetRecord[],
  siteIds: readonly string[] | null,
): Record<HeadlineCode, Target | null> {
  const oneSite = siteIds?.length === 1 ? siteIds[0] : undefined;
  const pick = (headline: HeadlineCode): Target | null => {
    const own = oneSite
      ? records.find((r) => r.siteId === oneSite && r.headline === headline)
      : undefined;
    const wide = records.find((r) => r.siteId === null && r.headline === headline);
    const found = own ?? wide;
    return found ? { percent: found.percent, siteId: found.siteId } : null;
  };
  return {
    got_help: pick("got_help"),
    guided_well: pick("guided_well"),
    seen_heard: pick("seen_heard"),
    nothing_to_improve: pick("nothing_to_improve"),
  };
}

export async function loadTargets(
  db: Queryable,
  scope: RollupScope,
): Promise<Record<HeadlineCode, Target | null>> {
  return targetsFor(await listTargets(db, scope.municipalityId, scope.siteIds), scope.siteIds);
}
