import express, { type Request, type Router } from "express";
import { z } from "zod";
import { roles } from "../../shared/roles.ts";
import type { SsoAdminView } from "../../shared/sso-contract.ts";
import type { Pool } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import { describeSaml } from "../sso/saml/saml-settings.ts";
import {
  describeSso,
  removeRoleMapping,
  setOidcProvider,
  setPasswordLogin,
  setRoleMapping,
} from "../sso/sso-settings.ts";
import { idParam } from "./admin-routes.ts";
import { audit } from "./audit-trail.ts";
import { parse } from "./parse-body.ts";
import { oidcCallbackPath, publicBaseUrl } from "./sso-routes.ts";
import { requireRole, requireViewer, viewerOf } from "./viewer-auth.ts";

// Lengths and formats are checked once, in sso/sso-settings.ts; these bound the request.
const oidcBody = z.strictObject({
  displayName: z.string().max(200),
  issuer: z.string().max(2000),
  clientId: z.string().max(500),
  // Empty or absent: keep the stored secret (the page never receives it back).
  clientSecret: z.string().max(1000).optional(),
  scopes: z.string().max(2000).optional(),
  groupsClaim: z.string().max(200).optional(),
  enabled: z.boolean().default(true),
});
const mappingBody = z.strictObject({
  group: z.string().max(500),
  role: z.enum(roles),
  siteIds: z.array(z.string().max(64)).max(1000).default([]),
});
const passwordLoginBody = z.strictObject({ forAll: z.boolean() });

/**
 * /api/v1/admin/sso: the dashboard's single sign-on page, through the same functions as the
 * `sso` CLI verbs. Admin only, with CSRF for cookie sessions; every change is audited.
 */
export function adminSsoRoutes(deps: {
  pool: Pool;
  fingerprintKeys: FingerprintKeys;
  publicUrl: string | undefined;
}): Router {
  const { pool } = deps;
  const router = express.Router();
  router.use(requireViewer(pool), requireRole("admin"), express.json({ limit: "16kb" }));

  async function view(req: Request, municipalityId: string): Promise<SsoAdminView> {
    return {
      ...(await describeSso(pool, municipalityId)),
      redirectUri: `${publicBaseUrl(req, deps.publicUrl)}${oidcCallbackPath}`,
      saml: await describeSaml(pool, municipalityId, publicBaseUrl(req, deps.publicUrl)),
    };
  }

  router.get("/", async (req, res) => {
    res.set("Cache-Control", "no-store").json(await view(req, viewerOf(res).municipalityId));
  });

  router.put("/oidc", async (req, res) => {
    const body = parse(oidcBody, req.body);
    const { municipalityId } = viewerOf(res);
    const { providerId } = await setOidcProvider(pool, deps.fingerprintKeys, {
      ...body,
      municipalityId,
      clientSecret: body.clientSecret || undefined,
    });
    await audit(pool, req, res, {
      action: "sso.provider_set",
      targetId: providerId,
      details: {
        issuer: body.issuer,
        clientId: body.clientId,
        enabled: body.enabled,
        newSecret: Boolean(body.clientSecret),
      },
    });
    res.json(await view(req, municipalityId));
  });

  router.post("/mappings", async (req, res) => {
    const body = parse(mappingBody, req.body);
    const { municipalityId } = viewerOf(res);
    const { mappingId } = await setRoleMapping(pool, { ...body, municipalityId });
    await audit(pool, req, res, { action: "sso.mapping_set", targetId: mappingId, details: body });
    res.status(201).json(await view(req, municipalityId));
  });

  router.delete("/mappings/:id", async (req, res) => {
    const { municipalityId } = viewerOf(res);
    const { mappingId } = await removeRoleMapping(pool, municipalityId, idParam(req));
    await audit(pool, req, res, { action: "sso.mapping_removed", targetId: mappingId });
    res.json(await view(req, municipalityId));
  });

  router.put("/password-login", async (req, res) => {
    const body = parse(passwordLoginBody, req.body);
    const { municipalityId } = viewerOf(res);
    await setPasswordLogin(pool, municipalityId, body.forAll);
    await audit(pool, req, res, { action: "sso.password_login_set", details: body });
    res.json(await view(req, municipalityId));
  });

  return router;
}
