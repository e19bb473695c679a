import type { Queryable } from "../db.ts";

/**
 * Marks an assertion id used. True the first time; false when it was used already (a replay),
 * decided by the primary key, so two servers receiving the same response at once cannot both
 * accept it. The same statement sweeps this municipality's expired ids.
 */
export async function markAssertionUsed(
  db: Queryable,
  assertion: { municipalityId: string; providerId: string; assertionId: string; expiresAt: Date },
): Promise<boolean> {
  const result = await db.query(
    `with purge as (
       delete from sso_saml_used_assertions where municipality_id = $1 and expires_at < now()
     )
     insert into sso_saml_used_assertions (municipality_id, provider_id, assertion_id, expires_at)
     values ($1, $2, $3, $4)
     on conflict (municipality_id, provider_id, assertion_id) do nothing`,
    [assertion.municipalityId, assertion.providerId, assertion.assertionId, assertion.expiresAt],
  );
  return (result.rowCount ?? 0) > 0;
}
