import type { SsoKind, SsoProviderButton, SsoProviderView } from "../../shared/sso-contract.ts";
import type { Queryable } from "../db.ts";

export type { SsoKind };

/** A provider row: what admins see (shared/sso-contract.ts), plus the sealed secret. */
export type SsoProvider = Omit<SsoProviderView, "hasClientSecret"> & {
  municipalityId: string;
  clientSecretSealed: string | null;
  updatedAt: Date;
};

export const providerColumns = `municipality_id as "municipalityId", id, kind, display_name as "displayName",
  enabled, issuer, client_id as "clientId", client_secret_sealed as "clientSecretSealed", scopes,
  groups_claim as "groupsClaim", updated_at as "updatedAt"`;

/** A provider by id alone (the start and callback routes know nothing else). */
export async function findSsoProvider(db: Queryable, id: string): Promise<SsoProvider | undefined> {
  const result = await db.query<SsoProvider>(
    `select ${providerColumns} from sso_providers where id = $1`,
    [id],
  );
  return result.rows[0];
}

export async function listSsoProviders(
  db: Queryable,
  municipalityId: string | null,
): Promise<SsoProvider[]> {
  const result = await db.query<SsoProvider>(
    `select ${providerColumns} from sso_providers
     where ($1::uuid is null or municipality_id = $1) order by municipality_id, kind`,
    [municipalityId],
  );
  return result.rows;
}

export type SsoButton = Omit<SsoProviderButton, "startUrl">;

/** What the log-in page offers: every enabled provider, with its municipality's name. */
export async function listSsoButtons(db: Queryable): Promise<SsoButton[]> {
  const result = await db.query<SsoButton>(
    `select p.id as "providerId", p.kind, p.display_name as "displayName", m.name as municipality
     from sso_providers p join municipalities m on m.id = p.municipality_id
     where p.enabled order by m.name, p.kind`,
  );
  return result.rows;
}

/**
 * Creates or replaces the municipality's OpenID Connect provider (one per municipality); the
 * secret is kept when none is given. Returns the provider's id.
 */
export async function upsertOidcProvider(
  db: Queryable,
  provider: {
    municipalityId: string;
    id: string;
    displayName: string;
    issuer: string;
    clientId: string;
    clientSecretSealed: string | null;
    scopes: string;
    groupsClaim: string;
    enabled: boolean;
  },
): Promise<string> {
  const result = await db.query<{ id: string }>(
    `insert into sso_providers (municipality_id, id, kind, display_name, enabled, issuer, client_id,
                                client_secret_sealed, scopes, groups_claim)
     values ($1, $2, 'oidc', $3, $4, $5, $6, $7, $8, $9)
     on conflict (municipality_id, kind) do update
       set display_name = excluded.display_name, enabled = excluded.enabled,
           issuer = excluded.issuer, client_id = excluded.client_id,
           client_secret_sealed = coalesce(excluded.client_secret_sealed,
                                           sso_providers.client_secret_sealed),
           scopes = excluded.scopes, groups_claim = excluded.groups_claim, updated_at = now()
     returning id`,
    [
      provider.municipalityId,
      provider.id,
      provider.displayName,
      provider.enabled,
      provider.issuer,
      provider.clientId,
      provider.clientSecretSealed,
      provider.scopes,
      provider.groupsClaim,
    ],
  );
  return (result.rows[0] as { id: string }).id;
}

/**
 * Creates or renames the municipality's SAML provider (one per municipality; its IdP metadata
 * lives in sso_saml_idps). Returns the provider's id, which stays the same on re-import so the
 * SP entity id the IdP knows does not change.
 */
export async function upsertSamlProvider(
  db: Queryable,
  provider: { municipalityId: string; id: string; displayName: string; enabled: boolean },
): Promise<string> {
  const result = await db.query<{ id: string }>(
    `insert into sso_providers (municipality_id, id, kind, display_name, enabled)
     values ($1, $2, 'saml', $3, $4)
     on conflict (municipality_id, kind) do update
       set display_name = excluded.display_name, enabled = excluded.enabled, updated_at = now()
     returning id`,
    [provider.municipalityId, provider.id, provider.displayName, provider.enabled],
  );
  return (result.rows[0] as { id: string }).id;
}
