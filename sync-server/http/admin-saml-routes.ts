import express, { type Router } from "express";
import { z } from "zod";
import type { Pool } from "../db.ts";
import { describeSaml, maxMetadataBytes, setSamlProvider } from "../sso/saml/saml-settings.ts";
import { audit } from "./audit-trail.ts";
import { parse } from "./parse-body.ts";
import { publicBaseUrl } from "./sso-routes.ts";
import { requireRole, requireViewer, viewerOf } from "./viewer-auth.ts";

// The XML's own checks are parseIdpMetadata's (sso/saml/idp-metadata.ts); these bound the request.
const samlBody = z.strictObject({
  displayName: z.string().max(200),
  metadataXml: z.string().min(1).max(maxMetadataBytes),
  enabled: z.boolean().default(true),
});

/**
 * /api/v1/admin/sso/saml: import the IdP's metadata from the dashboard, through the same
 * function as `sso saml --metadata`. Its own router because IdP metadata is larger than the
 * 16 KiB the other SSO settings are allowed. Admin only, CSRF for cookie sessions, audited.
 */
export function adminSamlRoutes(deps: { pool: Pool; publicUrl: string | undefined }): Router {
  const { pool } = deps;
  const router = express.Router();
  // JSON escapes push a 1 MiB file a little over 1 MiB.
  router.use(requireViewer(pool), requireRole("admin"), express.json({ limit: "1200kb" }));

  router.put("/", async (req, res) => {
    const body = parse(samlBody, req.body);
    const { municipalityId } = viewerOf(res);
    const result = await setSamlProvider(pool, { ...body, municipalityId });
    await audit(pool, req, res, {
      action: "sso.provider_set",
      targetId: result.providerId,
      details: {
        kind: "saml",
        entityId: result.entityId,
        signingCertificates: result.signingCertificates,
        enabled: body.enabled,
      },
    });
    res.json(await describeSaml(pool, municipalityId, publicBaseUrl(req, deps.publicUrl)));
  });

  return router;
}
