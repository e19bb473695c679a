import type { Queryable } from "../db.ts";

export async function insertKioskEnrolment(
  db: Queryable,
  enrolment: { municipalityId: string; kioskId: string; codeHash: Buffer; ttlMinutes: number },
): Promise<Date> {
  const result = await db.query<{ expiresAt: Date }>(
    `insert into kiosk_enrolments (municipality_id, kiosk_id, code_hash, expires_at)
     values ($1, $2, $3, now() + make_interval(mins => $4))
     returning expires_at as "expiresAt"`,
    [enrolment.municipalityId, enrolment.kioskId, enrolment.codeHash, enrolment.ttlMinutes],
  );
  const row = result.rows[0];
  if (!row) throw new Error("insert returned no row");
  return row.expiresAt;
}

/**
 * Spends a live code and gives its (not revoked) kiosk the new token hash, in one statement:
 * a code works once, and two tablets racing with one code cannot both get a token. Undefined
 * when the code is unknown, used, expired, or its kiosk revoked.
 */
export async function redeemKioskEnrolment(
  db: Queryable,
  codeHash: Buffer,
  newTokenHash: Buffer,
): Promise<{ municipalityId: string; kioskId: string; siteId: string } | undefined> {
  const result = await db.query<{ municipalityId: string; kioskId: string; siteId: string }>(
    `with spent as (
       update kiosk_enrolments e set used_at = now()
       from kiosks k
       where e.code_hash = $1 and e.used_at is null and e.expires_at > now()
         and k.municipality_id = e.municipality_id and k.id = e.kiosk_id and k.revoked_at is null
       returning e.municipality_id, e.kiosk_id
     ), rotated as (
       update kiosks k set token_hash = $2
       from spent where k.municipality_id = spent.municipality_id and k.id = spent.kiosk_id
       returning k.municipality_id, k.id, k.site_id
     )
     select municipality_id as "municipalityId", id as "kioskId", site_id as "siteId" from rotated`,
    [codeHash, newTokenHash],
  );
  return result.rows[0];
}
