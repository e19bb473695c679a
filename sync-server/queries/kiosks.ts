import type { Queryable } from "../db.ts";

export type Kiosk = {
  municipalityId: string;
  id: string;
  siteId: string;
  name: string;
  revokedAt: Date | null;
};

export async function insertKiosk(
  db: Queryable,
  kiosk: { municipalityId: string; id: string; siteId: string; name: string; tokenHash: Buffer },
): Promise<void> {
  await db.query(
    `insert into kiosks (municipality_id, id, site_id, name, token_hash) values ($1, $2, $3, $4, $5)`,
    [kiosk.municipalityId, kiosk.id, kiosk.siteId, kiosk.name.trim(), kiosk.tokenHash],
  );
}

export async function countKiosksAtSite(
  db: Queryable,
  municipalityId: string,
  siteId: string,
): Promise<number> {
  const result = await db.query<{ n: number }>(
    "select count(*) as n from kiosks where municipality_id = $1 and site_id = $2",
    [municipalityId, siteId],
  );
  return result.rows[0]?.n ?? 0;
}

/** Returns the kiosk, revoked now or earlier; undefined when no kiosk has that id. */
export async function revokeKiosk(db: Queryable, id: string): Promise<Kiosk | undefined> {
  const result = await db.query<Kiosk>(
    `update kiosks set revoked_at = coalesce(revoked_at, now()) where id = $1
     returning municipality_id as "municipalityId", id, site_id as "siteId", name, revoked_at as "revokedAt"`,
    [id],
  );
  return result.rows[0];
}

/** The kiosk a token names, with its secret's hash, for authentication. */
export async function findKioskCredentials(
  db: Queryable,
  id: string,
): Promise<(Kiosk & { tokenHash: Buffer }) | undefined> {
  const result = await db.query<Kiosk & { tokenHash: Buffer }>(
    `select municipality_id as "municipalityId", id, site_id as "siteId", name,
            revoked_at as "revokedAt", token_hash as "tokenHash"
     from kiosks where id = $1`,
    [id],
  );
  return result.rows[0];
}

export async function findKioskInMunicipality(
  db: Queryable,
  municipalityId: string,
  kioskId: string,
): Promise<{ id: string; siteId: string; name: string } | undefined> {
  const result = await db.query<{ id: string; siteId: string; name: string }>(
    `select id, site_id as "siteId", name from kiosks where municipality_id = $1 and id = $2`,
    [municipalityId, kioskId],
  );
  return result.rows[0];
}

/** A municipality's kiosks by id, with their site (labels for breakdowns and exports). */
export async function kioskNamesOf(
  db: Queryable,
  municipalityId: string,
): Promise<Map<string, { name: string; siteId: string }>> {
  const result = await db.query<{ id: string; name: string; siteId: string }>(
    `select id, name, site_id as "siteId" from kiosks where municipality_id = $1`,
    [municipalityId],
  );
  return new Map(result.rows.map((row) => [row.id, { name: row.name, siteId: row.siteId }]));
}

/** Local dates (its site's zone, both ends included) on which a kiosk may still hold answers. */
export type ProvisionalInterval = { siteId: string; kioskId: string; from: string; to: string };

/**
 * Per kiosk in scope, the days it may still hold answers of (the rule and why: `isProvisional`
 * in reports/report-context.ts). Reads kiosks, sites and kiosk_health only — one row a kiosk,
 * never the responses. From: its last sync, or earlier when that sync reported answers still
 * waiting, but never before the kiosk was added nor more than `windowDays` before that sync. To:
 * `windowDays` after the last sync. Revoked kiosks and kiosks that never synced give no row.
 */
export async function provisionalIntervals(
  db: Queryable,
  scope: { municipalityId: string; siteIds: readonly string[] | null; kioskId: string | null },
  windowDays: number,
): Promise<ProvisionalInterval[]> {
  const result = await db.query<ProvisionalInterval>(
    `select k.site_id as "siteId", k.id as "kioskId",
            -- The last sync itself is never moved: it is what we saw. Only a report of older
            -- answers waiting reaches back, bounded by the window and the kiosk's creation.
            (least(h.last_sync_at,
                   greatest(coalesce(h.oldest_pending_at, h.last_sync_at), k.created_at,
                            h.last_sync_at - make_interval(days => $4)))
              at time zone s.timezone)::date::text as "from",
            ((h.last_sync_at at time zone s.timezone)::date + $4::int)::text as "to"
     from kiosks k
     join sites s on s.municipality_id = k.municipality_id and s.id = k.site_id
     join kiosk_health h on h.municipality_id = k.municipality_id and h.kiosk_id = k.id
     where k.municipality_id = $1 and k.revoked_at is null
       and ($2::uuid[] is null or k.site_id = any($2::uuid[]))
       and ($3::uuid is null or k.id = $3)
     order by k.site_id, k.id`,
    [scope.municipalityId, scope.siteIds, scope.kioskId, windowDays],
  );
  return result.rows;
}

/**
 * Counts one more PIN recovery code shown for a live kiosk and returns its number with the
 * token hash it is derived from; undefined for an unknown or revoked kiosk.
 */
export async function issuePinRecovery(
  db: Queryable,
  municipalityId: string,
  kioskId: string,
): Promise<{ n: number; tokenHash: Buffer; name: string } | undefined> {
  const result = await db.query<{ n: number; tokenHash: Buffer; name: string }>(
    `update kiosks set pin_recovery_issued = pin_recovery_issued + 1
     where municipality_id = $1 and id = $2 and revoked_at is null
     returning pin_recovery_issued as n, token_hash as "tokenHash", name`,
    [municipalityId, kioskId],
  );
  return result.rows[0];
}
