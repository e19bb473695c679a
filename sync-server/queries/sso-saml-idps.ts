import type { Queryable } from "../db.ts";
import type { IdpMetadata } from "../sso/saml/idp-metadata.ts";

export type SamlIdp = IdpMetadata & { municipalityId: string; providerId: string };

/** Stores (or replaces, on re-import after a key rollover) a provider's IdP metadata. */
export async function upsertSamlIdp(db: Queryable, idp: SamlIdp): Promise<void> {
  await db.query(
    `insert into sso_saml_idps (municipality_id, provider_id, entity_id, sso_url, signing_certs)
     values ($1, $2, $3, $4, $5::text[])
     on conflict (municipality_id, provider_id) do update
       set entity_id = excluded.entity_id, sso_url = excluded.sso_url,
           signing_certs = excluded.signing_certs, imported_at = now()`,
    [idp.municipalityId, idp.providerId, idp.entityId, idp.ssoUrl, idp.signingCerts],
  );
}

/** A provider's imported IdP metadata; undefined when none has been imported. */
export async function findSamlIdp(
  db: Queryable,
  key: { municipalityId: string; providerId: string },
): Promise<(SamlIdp & { importedAt: Date }) | undefined> {
  const result = await db.query<SamlIdp & { importedAt: Date }>(
    `select municipality_id as "municipalityId", provider_id as "providerId",
            entity_id as "entityId", sso_url as "ssoUrl", signing_certs as "signingCerts",
            imported_at as "importedAt"
     from sso_saml_idps where municipality_id = $1 and provider_id = $2`,
    [key.municipalityId, key.providerId],
  );
  return result.rows[0];
}
