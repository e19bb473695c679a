import * as oidc from "openid-client";
import type { SsoProvider } from "../queries/sso-providers.ts";
import type { SsoErrorCode } from "./error-page.ts";

/**
 * The OpenID Connect relying party, on openid-client: authorization code flow with PKCE (S256),
 * state and nonce. The library checks the id_token's signature (against the provider's JWKS
 * from discovery; switched on below, as it is off by default in the code flow), issuer, audience, azp, nonce, exp/iat/nbf (30 s clock tolerance) and the
 * state; none of those checks is switched off here. Nothing is kept in memory between the
 * start and the callback: the caller stores the attempt (queries/sso-login-attempts.ts).
 */

export type OidcProvider = Pick<SsoProvider, "issuer" | "clientId" | "scopes">;

/** How long the provider may take to answer discovery, JWKS and token requests. */
const providerTimeoutSeconds = 10;

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** Discovery: the provider's endpoints and keys, read from its issuer URL. */
export async function discoverProvider(
  provider: OidcProvider,
  clientSecret: string,
): Promise<oidc.Configuration> {
  if (!provider.issuer || !provider.clientId) throw new Error("provider is not OIDC");
  const issuer = new URL(provider.issuer);
  return oidc.discovery(issuer, provider.clientId, undefined, oidc.ClientSecretPost(clientSecret), {
    timeout: providerTimeoutSeconds,
    execute: [
      // The spec lets a client trust TLS instead of the id_token's signature when the token
      // comes straight from the token endpoint, and openid-client does so by default. We check
      // the signature anyway: a TLS-inspecting proxy, a misissued certificate or a loopback http
      // provider must not be enough to forge a log-in (tests/integration/sso-oidc-tamper.test.ts).
      oidc.enableNonRepudiationChecks,
      // sso-settings.ts allows http:// only on loopback; everything else must be https.
      ...(isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : []),
    ],
  });
}

export type OidcStart = {
  authorizationUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
};

export async function startAuthorization(
  config: oidc.Configuration,
  provider: OidcProvider,
  redirectUri: string,
): Promise<OidcStart> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { authorizationUrl, state, nonce, codeVerifier };
}

export type VerifiedClaims = Record<string, unknown> & { sub: string };

/** Exchanges the code and returns the id_token's claims once every check has passed. */
export async function finishAuthorization(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedClaims> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("no id_token");
  return claims as VerifiedClaims;
}

/** Where to send the browser so the provider ends its session too (RP-initiated log-out). */
export function endSessionUrl(
  config: oidc.Configuration,
  postLogoutRedirectUri: string,
): URL | undefined {
  if (!config.serverMetadata().end_session_endpoint) return undefined;
  return oidc.buildEndSessionUrl(config, {
    client_id: config.clientMetadata().client_id,
    post_logout_redirect_uri: postLogoutRedirectUri,
  });
}

/** The claim that carries the groups: a list of strings, or one string. */
export function groupsFrom(claims: VerifiedClaims, claim: string): string[] {
  const value = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
  if (typeof value === "string") return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** The e-mail a first log-in creates the user with (Entra ID: UPN in preferred_username). */
export function emailFrom(claims: VerifiedClaims): string | null {
  for (const claim of ["email", "preferred_username", "upn"]) {
    const value = claims[claim];
    if (typeof value === "string" && value.includes("@")) return value;
  }
  return null;
}

function claimOf(error: oidc.ClientError): unknown {
  const cause = error.cause;
  const inner = cause instanceof Error ? cause.cause : undefined;
  return typeof inner === "object" && inner !== null && "claim" in inner ? inner.claim : undefined;
}

/** Which page a failed step shows: each check openid-client makes has its own code. */
export function oidcFailureCode(error: unknown): SsoErrorCode {
  if (error instanceof oidc.AuthorizationResponseError) return "sso_idp_refused";
  // The token endpoint refused the code (invalid_grant and the like).
  if (error instanceof oidc.ResponseBodyError) return "sso_token_invalid";
  // fetch() itself failed: refused connection, DNS, TLS.
  if (error instanceof TypeError) return "sso_idp_unreachable";
  if (!(error instanceof oidc.ClientError)) return "sso_token_invalid";
  switch (error.code) {
    case "OAUTH_JWT_CLAIM_COMPARISON_FAILED": {
      const claim = claimOf(error);
      if (claim === "aud" || claim === "azp") return "sso_wrong_audience";
      if (claim === "nonce") return "sso_bad_nonce";
      return "sso_token_invalid";
    }
    case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED":
      return "sso_token_expired";
    case "OAUTH_KEY_SELECTION_FAILED":
      return "sso_bad_signature";
    case "OAUTH_INVALID_RESPONSE":
      return error.cause instanceof Error && /signature/.test(error.cause.message)
        ? "sso_bad_signature"
        : "sso_token_invalid";
    case "OAUTH_RESPONSE_IS_NOT_CONFORM":
    case "OAUTH_RESPONSE_IS_NOT_JSON":
    case "OAUTH_TIMEOUT":
    case "OAUTH_ABORT":
      return "sso_idp_unreachable";
    default:
      return "sso_token_invalid";
  }
}
