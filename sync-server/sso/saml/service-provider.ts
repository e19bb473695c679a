import { randomBytes } from "node:crypto";
import { type CacheProvider, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import type { SamlIdp } from "../../queries/sso-saml-idps.ts";
import { samlRequestLifetimeSeconds } from "./request-store.ts";

/**
 * Clocks of an IdP and this server disagree a little; more than a minute is a fault to fix, not
 * to hide (an expired assertion must stay refused).
 */
export const acceptedClockSkewMs = 60_000;

/** This SP as one provider's IdP knows it: entity id (= its metadata URL) and the ACS. */
export type SpEndpoints = { entityId: string; acsUrl: string };

/**
 * The SP's own key pair (SAML_SP_CERT_FILE / SAML_SP_KEY_FILE, PEM), when set: AuthnRequests are
 * signed with it and assertions encrypted to it can be read, as Context Handler expects of a
 * user system with its OCES system certificate. Absent: requests go unsigned, and an encrypted
 * assertion is refused.
 */
export type SpKeyPair = { cert: string; key: string };

/** The stable URLs (README "SAML"): one SP entity per provider, one ACS for all of them. */
export function spEndpoints(publicOrigin: string, providerId: string): SpEndpoints {
  const api = `${publicOrigin.replace(/\/+$/, "")}/api/v1/sso/saml`;
  return { entityId: `${api}/${providerId}/metadata`, acsUrl: `${api}/acs` };
}

/**
 * node-saml set up for one provider. Every check it offers is on and strict: signed assertions
 * (a signed Response alone is not enough, wantAssertionsSigned), the audience is this SP's
 * entity id, the time window with the small skew above, and InResponseTo always (no
 * IdP-initiated log-in: it cannot be told apart from a replayed or injected response).
 */
export function samlServiceProvider(
  idp: SamlIdp,
  sp: SpEndpoints,
  requests: CacheProvider,
  spKey: SpKeyPair | undefined,
): SAML {
  return new SAML({
    ...(spKey ? { privateKey: spKey.key, publicCert: spKey.cert, decryptionPvk: spKey.key } : {}),
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    audience: sp.entityId,
    entryPoint: idp.ssoUrl,
    idpCert: idp.signingCerts,
    idpIssuer: idp.entityId,
    wantAssertionsSigned: true,
    // Context Handler signs the assertion; whether it also signs the Response is its choice.
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: samlRequestLifetimeSeconds * 1000,
    cacheProvider: requests,
    generateUniqueId: () => `_${randomBytes(20).toString("hex")}`,
    // The IdP picks the NameID format and the level of assurance (Context Handler sets both).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: "sha256",
  });
}
