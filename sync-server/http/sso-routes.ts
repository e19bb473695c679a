import { randomBytes } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { SsoLogoutReply, SsoProvidersReply } from "../../shared/sso-contract.ts";
import type { Pool } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import type { Logger } from "../logger.ts";
import { findUserOidcProvider } from "../queries/sso-identities.ts";
import { insertLoginAttempt, takeLoginAttempt } from "../queries/sso-login-attempts.ts";
import { findSsoProvider, listSsoButtons, type SsoProvider } from "../queries/sso-providers.ts";
import { hashSecret, secretMatches } from "../secrets.ts";
import {
  discoverProvider,
  emailFrom,
  endSessionUrl,
  finishAuthorization,
  groupsFrom,
  oidcFailureCode,
  startAuthorization,
} from "../sso/oidc-client.ts";
import { openSecret } from "../sso/sealed-secret.ts";
import { endSession } from "./session-lifecycle.ts";
import { dashboardPath, finishSsoLogin, refuseSsoLogin, sendSsoErrorPage } from "./sso-finish.ts";
import { requireViewer, secretCookie, viewerOf } from "./viewer-auth.ts";

export type SsoDeps = {
  pool: Pool;
  logger: Logger;
  fingerprintKeys: FingerprintKeys;
  /** PUBLIC_URL: the redirect URI's origin; absent, the request's own (config.ts). */
  publicUrl: string | undefined;
};

/** The paths the identity provider is told about; README's Entra ID guide names them. */
export const oidcCallbackPath = "/api/v1/sso/oidc/callback";

/** Binds a log-in under way to the browser that started it (log-in CSRF). */
export const browserCookie = "bp_sso_browser";
/** A person has this long at the provider's pages before the attempt expires. */
const attemptTtlSeconds = 10 * 60;

const startQuery = z.object({ provider: z.uuid() });
// The provider sends state with code, or with error; the lengths bound what is stored or hashed.
const callbackQuery = z.object({
  state: z.string().min(1).max(512),
  code: z.string().min(1).max(4096).optional(),
  error: z.string().min(1).max(256).optional(),
});

/** PUBLIC_URL, or this request's own origin (as the trusted proxy reports it). */
export function publicBaseUrl(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

function isUsableOidc(provider: SsoProvider | undefined): provider is SsoProvider {
  return provider?.kind === "oidc" && provider.enabled;
}

export function browserSecret(req: Request, res: Response): string {
  const existing = secretCookie(req, browserCookie);
  if (existing) return existing;
  const secret = randomBytes(32).toString("base64url");
  res.cookie(browserCookie, secret, {
    httpOnly: true,
    // Lax: the provider's redirect back to the callback is a cross-site top-level GET.
    sameSite: "lax",
    secure: req.secure,
    path: "/api/v1/sso",
    maxAge: attemptTtlSeconds * 1000,
  });
  return secret;
}

/** /api/v1/sso: the log-in page's buttons, and the OpenID Connect flow. */
export function ssoRoutes(deps: SsoDeps): Router {
  const { pool, logger, fingerprintKeys } = deps;
  const router = express.Router();

  router.get("/providers", async (_req, res) => {
    const buttons = await listSsoButtons(pool);
    const reply: SsoProvidersReply = {
      providers: buttons.map((button) => ({
        ...button,
        startUrl: `/api/v1/sso/${button.kind}/start?provider=${button.providerId}`,
      })),
    };
    res.set("Cache-Control", "no-store").json(reply);
  });

  /** The provider's configuration from discovery, or undefined after answering the failure. */
  async function discovered(req: Request, res: Response, provider: SsoProvider) {
    let secret: string;
    try {
      secret = openSecret(fingerprintKeys, provider.clientSecretSealed ?? "");
    } catch (error) {
      logger.error({ err: error, providerId: provider.id }, "the OIDC client secret does not open");
      await refuseSsoLogin(pool, req, res, {
        municipalityId: provider.municipalityId,
        providerId: provider.id,
        code: "sso_not_configured",
        detail: "client secret unreadable",
      });
      return undefined;
    }
    try {
      return await discoverProvider(provider, secret);
    } catch (error) {
      logger.warn({ err: error, issuer: provider.issuer }, "OIDC discovery failed");
      await refuseSsoLogin(pool, req, res, {
        municipalityId: provider.municipalityId,
        providerId: provider.id,
        code: "sso_idp_unreachable",
      });
      return undefined;
    }
  }

  router.get("/oidc/start", async (req, res) => {
    const query = startQuery.safeParse(req.query);
    const provider = query.success ? await findSsoProvider(pool, query.data.provider) : undefined;
    if (!isUsableOidc(provider)) {
      sendSsoErrorPage(res, "sso_not_configured");
      return;
    }
    const config = await discovered(req, res, provider);
    if (!config) return;
    const redirectUri = `${publicBaseUrl(req, deps.publicUrl)}${oidcCallbackPath}`;
    const start = await startAuthorization(config, provider, redirectUri);
    await insertLoginAttempt(pool, {
      municipalityId: provider.municipalityId,
      providerId: provider.id,
      stateHash: hashSecret(start.state),
      browserHash: hashSecret(browserSecret(req, res)),
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      ttlSeconds: attemptTtlSeconds,
    });
    res.set("Cache-Control", "no-store").redirect(302, start.authorizationUrl.href);
  });

  router.get("/oidc/callback", async (req, res) => {
    const query = callbackQuery.safeParse(req.query);
    // Taken (deleted) before anything else: a state is good for one callback only.
    const attempt = query.success
      ? await takeLoginAttempt(pool, hashSecret(query.data.state))
      : undefined;
    const browser = secretCookie(req, browserCookie);
    if (
      !query.success ||
      !attempt ||
      attempt.expired ||
      !browser ||
      !secretMatches(browser, attempt.browserHash)
    ) {
      // An unknown state names no municipality: the server log, not a tenant's audit log.
      if (attempt) {
        await refuseSsoLogin(pool, req, res, { ...attempt, code: "sso_state_invalid" });
      } else {
        logger.info({ ip: req.ip }, "SSO callback with an unknown or used state");
        sendSsoErrorPage(res, "sso_state_invalid");
      }
      return;
    }
    const provider = await findSsoProvider(pool, attempt.providerId);
    if (!isUsableOidc(provider)) {
      await refuseSsoLogin(pool, req, res, { ...attempt, code: "sso_not_configured" });
      return;
    }
    const config = await discovered(req, res, provider);
    if (!config) return;
    // The URL the provider redirected to, with every parameter it sent (iss, session_state…),
    // at the redirect URI the token request must repeat (PUBLIC_URL, not what a proxy made of it).
    const callbackUrl = new URL(`${publicBaseUrl(req, deps.publicUrl)}${oidcCallbackPath}`);
    callbackUrl.search = new URL(req.originalUrl, "http://callback.invalid").search;
    let claims: Awaited<ReturnType<typeof finishAuthorization>>;
    try {
      claims = await finishAuthorization(config, callbackUrl, {
        state: query.data.state,
        nonce: attempt.nonce,
        codeVerifier: attempt.codeVerifier,
      });
    } catch (error) {
      const code = oidcFailureCode(error);
      logger.warn({ err: error, code, providerId: provider.id }, "OIDC callback refused");
      await refuseSsoLogin(pool, req, res, {
        ...attempt,
        code,
        detail: error instanceof Error ? error.message.slice(0, 200) : undefined,
      });
      return;
    }
    await finishSsoLogin(pool, req, res, {
      providerId: provider.id,
      municipalityId: provider.municipalityId,
      subject: claims.sub,
      email: emailFrom(claims),
      name: typeof claims.name === "string" ? claims.name : null,
      groups: groupsFrom(claims, provider.groupsClaim),
    });
  });

  // Log-out for every user: the session ends here, and a user who came through OpenID Connect
  // is sent on to the provider to end its session too (RP-initiated log-out).
  router.post("/logout", requireViewer(pool), async (req, res) => {
    const viewer = viewerOf(res);
    const provider = viewer.userId
      ? await findUserOidcProvider(pool, viewer.municipalityId, viewer.userId)
      : undefined;
    await endSession(pool, req, res);
    const config = provider?.enabled ? await discoveredQuietly(provider) : undefined;
    const redirect =
      config && endSessionUrl(config, `${publicBaseUrl(req, deps.publicUrl)}${dashboardPath}`);
    const reply: SsoLogoutReply = { redirectTo: redirect?.href ?? null };
    res.set("Cache-Control", "no-store").json(reply);
  });

  /** Log-out must not fail because the provider is down: then only our session ends. */
  async function discoveredQuietly(provider: SsoProvider) {
    try {
      return await discoverProvider(
        provider,
        openSecret(fingerprintKeys, provider.clientSecretSealed ?? ""),
      );
    } catch (error) {
      logger.warn({ err: error, issuer: provider.issuer }, "OIDC log-out: provider not reached");
      return undefined;
    }
  }

  return router;
}
