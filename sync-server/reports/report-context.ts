import type { HeadlineCode } from "../../shared/headlines.ts";
import type { Target } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { type ProvisionalInterval, provisionalIntervals } from "../queries/kiosks.ts";
import { disclosureLimitOf } from "../queries/municipalities.ts";
import type { RollupScope } from "../queries/report-rollups.ts";
import { listTargets, type TargetRecord } from "../queries/targets.ts";

/**
 * How long after its last sync a kiosk still counts as in service. A kiosk holds answers of a
 * day only if it was there collecting them: we know it was while it syncs (it does so on a timer,
 * with a heartbeat when it has nothing to send), and a kiosk silent for longer than this is the silent-kiosk alert's
 * business (a tablet unplugged, lost or stored away), not a reason to keep every later day
 * open for ever. Two weeks cover a holiday closure or a long network outage; the same bound
 * limits how far back an outbox's report of waiting answers reaches.
 */
export const provisionalWindowDays = 14;

/** What every figure of a reply depends on besides the counts. */
export type ReportContext = {
  /** The municipality's disclosure limit. */
  k: number;
  /** Per kiosk in scope, the local dates it may still hold answers of (none: all final). */
  provisional: readonly ProvisionalInterval[];
};

export async function loadReportContext(db: Queryable, scope: RollupScope): Promise<ReportContext> {
  const [k, provisional] = await Promise.all([
    disclosureLimitOf(db, scope.municipalityId),
    provisionalIntervals(db, scope, provisionalWindowDays),
  ]);
  return { k, provisional };
}

/**
 * A group of days is provisional (*foreløbig*) when some kiosk of it may still hold answers of
 * one of its days: a kiosk that was in service that day and has not synced since it ended
 * (offline kiosks keep answers until they reach us). "In service on D" is what the server can
 * tell from the small tables: it has synced, its last sync at most `provisionalWindowDays`
 * local days before D (one long-silent tablet leaves that many days open, not every day
 * since; a kiosk that never synced holds nothing we know of), it was
 * added by then (a kiosk enrolled after D holds nothing of D), and it is not revoked (its token
 * no longer syncs, so nothing it holds will come). A last sync that reported answers still
 * waiting keeps their days open too. `of` narrows to one site's or kiosk's own kiosks (a row
 * of figures.csv by site is marked by that site's kiosks only); without it, any kiosk of the
 * reply's scope marks the day.
 */
export function isProvisional(
  context: ReportContext,
  days: { from: string; to: string },
  of: { siteId?: string; kioskId?: string } = {},
): boolean {
  return context.provisional.some(
    (held) =>
      (of.siteId === undefined || held.siteId === of.siteId) &&
      (of.kioskId === undefined || held.kioskId === of.kioskId) &&
      held.from <= days.to &&
      held.to >= days.from,
  );
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
