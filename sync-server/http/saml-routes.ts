import express, { type Request, type Router } from "express";
import { z } from "zod";
import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { findSsoProvider } from "../queries/sso-providers.ts";
import { hashSecret } from "../secrets.ts";
import { acceptSamlResponse } from "../sso/saml/accept-response.ts";
import type { SpKeyPair } from "../sso/saml/service-provider.ts";
import { samlLoginRedirect, samlSpMetadata } from "../sso/saml/start-login.ts";
import { samlContinuePage, samlContinueScript } from "./saml-continue-page.ts";
import { finishSsoLogin, refuseSsoLogin, sendSsoErrorPage } from "./sso-finish.ts";
import { browserCookie, browserSecret, publicBaseUrl } from "./sso-routes.ts";
import { secretCookie } from "./viewer-auth.ts";

export type SamlDeps = {
  pool: Pool;
  logger: Logger;
  /** PUBLIC_URL: the SP entity id's and the ACS's origin; absent, the request's own. */
  publicUrl: string | undefined;
  spKey: SpKeyPair | undefined;
};

// A Context Handler response with a long privilege list is tens of KiB; base64 adds a third.
const acsBodyLimit = "512kb";
const providerId = z.uuid();
const startQuery = z.object({ provider: providerId });
// Base64 only: the ACS echoes it into its continue page, and nothing else is a SAMLResponse.
const acsBody = z.object({
  SAMLResponse: z
    .string()
    .min(1)
    .max(700_000)
    .regex(/^[A-Za-z0-9+/=\s]+$/),
  RelayState: z.string().max(200).optional(),
});

/**
 * /api/v1/sso/saml: SP metadata per provider, the log-in start, the ACS (one for every
 * municipality's provider; its URL is spEndpoints') and the finish it hands on to.
 */
export function samlRoutes(deps: SamlDeps): Router {
  const { pool, logger } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: acsBodyLimit, parameterLimit: 10 });
  const sp = (req: Request) => ({
    publicOrigin: publicBaseUrl(req, deps.publicUrl),
    spKey: deps.spKey,
  });

  async function samlProvider(id: unknown) {
    const parsed = providerId.safeParse(id);
    const provider = parsed.success ? await findSsoProvider(pool, parsed.data) : undefined;
    return provider?.kind === "saml" ? provider : undefined;
  }

  // Public, like every SAML SP's metadata: the IdP (or its admin) fetches it to register us.
  router.get("/:providerId/metadata", async (req, res) => {
    const provider = await samlProvider(req.params.providerId);
    if (!provider) {
      sendSsoErrorPage(res, "sso_not_configured");
      return;
    }
    res
      .type("application/samlmetadata+xml")
      .set("Cache-Control", "no-cache")
      .send(samlSpMetadata(provider.id, sp(req)));
  });

  router.get("/start", async (req, res) => {
    const query = startQuery.safeParse(req.query);
    const provider = query.success ? await samlProvider(query.data.provider) : undefined;
    if (!provider?.enabled) {
      sendSsoErrorPage(res, "sso_not_configured");
      return;
    }
    const key = { municipalityId: provider.municipalityId, providerId: provider.id };
    const browserHash = hashSecret(browserSecret(req, res));
    const redirect = await samlLoginRedirect(pool, key, sp(req), browserHash);
    if (!redirect) {
      await refuseSsoLogin(pool, req, res, { ...key, code: "saml_metadata_missing" });
      return;
    }
    res.set("Cache-Control", "no-store").redirect(302, redirect);
  });

  // The HTTP-POST binding's ACS: the IdP's page posts here from its own site, without our
  // cookies; the answer goes on through our own page to /finish (saml-continue-page.ts).
  router.post("/acs", form, (req, res) => {
    const body = acsBody.safeParse(req.body ?? {});
    if (!body.success) {
      sendSsoErrorPage(res, "saml_invalid_response");
      return;
    }
    res
      .set("Cache-Control", "no-store")
      .type("html")
      .send(samlContinuePage(body.data.SAMLResponse));
  });

  router.get("/continue.js", (_req, res) => {
    res.type("application/javascript").set("Cache-Control", "no-cache").send(samlContinueScript);
  });

  router.post("/finish", form, async (req: Request, res) => {
    const body = acsBody.safeParse(req.body ?? {});
    if (!body.success) {
      sendSsoErrorPage(res, "saml_invalid_response");
      return;
    }
    const result = await acceptSamlResponse(pool, {
      samlResponse: body.data.SAMLResponse,
      ...sp(req),
      browserSecret: secretCookie(req, browserCookie),
    });
    if (!result.ok) {
      logger.info(
        { code: result.code, detail: result.detail, ip: req.ip },
        "SAML response refused",
      );
      if (result.provider) {
        await refuseSsoLogin(pool, req, res, {
          ...result.provider,
          code: result.code,
          detail: result.detail,
        });
      } else {
        // A response to no request of ours names no municipality: the server log only.
        sendSsoErrorPage(res, result.code);
      }
      return;
    }
    const provider = await findSsoProvider(pool, result.identity.providerId);
    if (!provider?.enabled) {
      await refuseSsoLogin(pool, req, res, { ...result.identity, code: "sso_not_configured" });
      return;
    }
    const { problems, ...identity } = result.identity;
    if (problems.length > 0) {
      logger.warn({ providerId: provider.id, problems }, "SAML attributes partly unreadable");
    }
    await finishSsoLogin(pool, req, res, identity);
  });
  return router;
}
