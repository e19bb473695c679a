import { AppError } from "../../../shared/errors.ts";
import { newId } from "../../../shared/ids.ts";
import type { SamlAdminView } from "../../../shared/sso-contract.ts";
import { inTransaction, type Pool, type Queryable } from "../../db.ts";
import { listSsoProviders, upsertSamlProvider } from "../../queries/sso-providers.ts";
import { findSamlIdp, upsertSamlIdp } from "../../queries/sso-saml-idps.ts";
import { checkText } from "../sso-settings.ts";
import { parseIdpMetadata } from "./idp-metadata.ts";
import { spEndpoints } from "./service-provider.ts";

/** Largest IdP metadata file read (Context Handler's is a few KiB; federations are larger). */
export const maxMetadataBytes = 1024 * 1024;

export type SamlSettingsInput = {
  municipalityId: string;
  displayName: string;
  /** The IdP's metadata XML as the admin downloaded it. */
  metadataXml: string;
  enabled?: boolean | undefined;
};

export type SamlProviderSet = {
  providerId: string;
  municipalityId: string;
  entityId: string;
  ssoUrl: string;
  signingCertificates: number;
};

/**
 * Imports (or re-imports, after the IdP rolled its keys) the municipality's SAML IdP metadata,
 * creating its SAML provider the first time; for the CLI and the dashboard alike.
 */
export async function setSamlProvider(
  pool: Pool,
  input: SamlSettingsInput,
): Promise<SamlProviderSet> {
  if (Buffer.byteLength(input.metadataXml) > maxMetadataBytes) {
    throw new AppError("saml_invalid_metadata", "The metadata file is larger than 1 MiB.");
  }
  const parsed = parseIdpMetadata(input.metadataXml);
  if (!parsed.ok) throw new AppError("saml_invalid_metadata", parsed.reason);
  const displayName = checkText(input.displayName, "The display name", 200);
  const providerId = await inTransaction(pool, async (client) => {
    const id = await upsertSamlProvider(client, {
      municipalityId: input.municipalityId,
      id: newId(),
      displayName,
      enabled: input.enabled ?? true,
    });
    await upsertSamlIdp(client, {
      municipalityId: input.municipalityId,
      providerId: id,
      ...parsed.metadata,
    });
    return id;
  });
  return {
    providerId,
    municipalityId: input.municipalityId,
    entityId: parsed.metadata.entityId,
    ssoUrl: parsed.metadata.ssoUrl,
    signingCertificates: parsed.metadata.signingCerts.length,
  };
}

/** The municipality's SAML provider for the admin page; null when it has none. */
export async function describeSaml(
  db: Queryable,
  municipalityId: string,
  publicOrigin: string,
): Promise<SamlAdminView | null> {
  const provider = (await listSsoProviders(db, municipalityId)).find((p) => p.kind === "saml");
  if (!provider) return null;
  const idp = await findSamlIdp(db, { municipalityId, providerId: provider.id });
  const sp = spEndpoints(publicOrigin, provider.id);
  return {
    providerId: provider.id,
    displayName: provider.displayName,
    enabled: provider.enabled,
    spMetadataUrl: sp.entityId,
    acsUrl: sp.acsUrl,
    idp: idp
      ? {
          entityId: idp.entityId,
          ssoUrl: idp.ssoUrl,
          signingCertificates: idp.signingCerts.length,
          importedAt: idp.importedAt.toISOString(),
        }
      : null,
  };
}
