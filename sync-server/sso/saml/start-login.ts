import { generateServiceProviderMetadata } from "@node-saml/node-saml";
import type { Queryable } from "../../db.ts";
import { findSamlIdp } from "../../queries/sso-saml-idps.ts";
import { samlRequestStore } from "./request-store.ts";
import { type SpKeyPair, samlServiceProvider, spEndpoints } from "./service-provider.ts";

export type SamlProviderKey = { municipalityId: string; providerId: string };

/**
 * Where to send the browser to log in at the provider's IdP: its SSO URL with a deflated
 * AuthnRequest (HTTP-Redirect binding), whose id is stored first so the answer can be checked
 * by any server process. Undefined when no IdP metadata has been imported.
 */
export async function samlLoginRedirect(
  db: Queryable,
  provider: SamlProviderKey,
  sp: { publicOrigin: string; spKey: SpKeyPair | undefined },
  /** sha256 of the browser's bp_sso_browser cookie: the answer must come back through it. */
  browserHash: Buffer,
): Promise<string | undefined> {
  const idp = await findSamlIdp(db, provider);
  if (!idp) return undefined;
  const endpoints = spEndpoints(sp.publicOrigin, provider.providerId);
  const client = samlServiceProvider(
    idp,
    endpoints,
    samlRequestStore(db, provider, browserHash),
    sp.spKey,
  );
  return client.getAuthorizeUrlAsync("", undefined, {});
}

/** This SP's metadata for one provider, to give the IdP (Context Handler: upload it there). */
export function samlSpMetadata(
  providerId: string,
  sp: { publicOrigin: string; spKey: SpKeyPair | undefined },
): string {
  const endpoints = spEndpoints(sp.publicOrigin, providerId);
  return generateServiceProviderMetadata({
    issuer: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    wantAssertionsSigned: true,
    identifierFormat: null,
    // With a key pair, the metadata names its certificate for signing and for encryption.
    ...(sp.spKey
      ? {
          privateKey: sp.spKey.key,
          publicCerts: sp.spKey.cert,
          decryptionPvk: sp.spKey.key,
          decryptionCert: sp.spKey.cert,
        }
      : {}),
  });
}
