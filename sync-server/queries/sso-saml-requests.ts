import type { Queryable } from "../db.ts";

export type SamlRequestKey = { municipalityId: string; providerId: string };

/** Records an AuthnRequest id; the same statement forgets this provider's expired ones. */
export async function insertSamlRequest(
  db: Queryable,
  request: SamlRequestKey & { id: string; browserHash: Buffer; lifetimeSeconds: number },
): Promise<void> {
  await db.query(
    `with purge as (
       delete from sso_saml_requests
       where municipality_id = $1 and provider_id = $2 and expires_at < now()
     )
     insert into sso_saml_requests (municipality_id, provider_id, id, browser_hash, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [
      request.municipalityId,
      request.providerId,
      request.id,
      request.browserHash,
      request.lifetimeSeconds,
    ],
  );
}

export type SamlRequestRow = SamlRequestKey & {
  createdAt: Date;
  used: boolean;
  browserHash: Buffer;
};

/**
 * The unexpired request with this id, used or not: the ACS's only way to know whose response
 * it holds before anything in it is trusted. Undefined when unknown or expired.
 */
export async function findSamlRequest(
  db: Queryable,
  id: string,
): Promise<SamlRequestRow | undefined> {
  const result = await db.query<SamlRequestRow>(
    `select municipality_id as "municipalityId", provider_id as "providerId",
            created_at as "createdAt", used_at is not null as used,
            browser_hash as "browserHash"
     from sso_saml_requests where id = $1 and expires_at > now()
     order by created_at limit 1`,
    [id],
  );
  return result.rows[0];
}

/** Uses a request up: true for the one caller that did (of any racing with it). */
export async function markSamlRequestUsed(
  db: Queryable,
  request: SamlRequestKey & { id: string },
): Promise<boolean> {
  const result = await db.query(
    `update sso_saml_requests set used_at = now()
     where municipality_id = $1 and provider_id = $2 and id = $3 and used_at is null`,
    [request.municipalityId, request.providerId, request.id],
  );
  return (result.rowCount ?? 0) > 0;
}
