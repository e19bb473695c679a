import { generateServiceProviderMetadata } from "@node-saml/node-saml";
import type { Queryable } from "../../db.ts";
import { findSamlIdp } from "../../queries/sso-saml-idps.ts";
import { samlRequestStore } from "./request-store.ts";
import { samlServiceProvider, spEndpoints } from "./service-provider.ts";

export type SamlProviderKey = { municipalityId: string; providerId: string };

/**
 * Where to send the browser to log in at the provider's IdP: its SSO URL with a deflated
 * AuthnRequest (HTTP-Redirect binding), whose id is stored first so the answer can be checked
 * by any server process. Undefined when no IdP metadata has been imported.
 */
export async function samlLoginRedirect(
  db: Queryable,
  provider: SamlProviderKey,
  publicOrigin: string,
): Promise<string | undefined> {
  const idp = await findSamlIdp(db, provider);
  if (!idp) return undefined;
  const sp = spEndpoints(publicOrigin, provider.providerId);
  const client = samlServiceProvider(idp, sp, samlRequestStore(db, provider));
  return client.getAuthorizeUrlAsync("", undefined, {});
}

/** This SP's metadata for one provider, to give the IdP (Context Handler: upload it there). */
export function samlSpMetadata(providerId: string, publicOrigin: string): string {
  const sp = spEndpoints(publicOrigin, providerId);
  return generateServiceProviderMetadata({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    wantAssertionsSigned: true,
    identifierFormat: null,
  });
}
