import express, { type Router } from "express";
import { z } from "zod";
import { listTokens, revokeTokenById } from "../admin/token-verbs.ts";
import { addApiToken } from "../admin/verbs.ts";
import type { Pool } from "../db.ts";
import { municipalityName } from "../queries/sessions.ts";
import { audit } from "./audit-trail.ts";
import { parse } from "./parse-body.ts";
import { viewerOf } from "./viewer-auth.ts";

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((id) => id.toLowerCase());
const tokenBody = z.strictObject({
  role: z.enum(["chief", "analyst"]),
  siteIds: z.array(uuid).max(1000).default([]),
  label: z.string().trim().min(1).max(200).optional(),
  // The CLI's --expires-in syntax: 90d, 12h, 2w.
  expiresIn: z.string().max(20).optional(),
});

/**
 * /api/v1/admin/tokens: the municipality's API tokens (never their secrets), a new one (its
 * secret shown once) and revocation. Mounted inside adminRoutes, so admin-only with CSRF.
 */
export function adminTokenRoutes(pool: Pool): Router {
  const router = express.Router();

  router.get("/", async (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json({ tokens: await listTokens(pool, viewerOf(res).municipalityId) });
  });

  router.post("/", async (req, res) => {
    const body = parse(tokenBody, req.body);
    const viewer = viewerOf(res);
    // Grants are checked against the admin's municipality by the verb (sites elsewhere: 400).
    const created = await addApiToken(pool, {
      role: body.role,
      siteIds: body.siteIds,
      label: body.label,
      expiresIn: body.expiresIn,
      municipality: await municipalityName(pool, viewer.municipalityId),
    });
    await audit(pool, req, res, {
      action: "token.created",
      targetId: created.tokenId,
      details: { role: created.role, label: body.label ?? null, expiresAt: created.expiresAt },
    });
    const { municipalityId: _own, ...reply } = created;
    res.status(201).set("Cache-Control", "no-store").json(reply);
  });

  router.post("/:id/revoke", async (req, res) => {
    const revoked = await revokeTokenById(
      pool,
      viewerOf(res).municipalityId,
      String(req.params.id),
    );
    await audit(pool, req, res, { action: "token.revoked", targetId: revoked.id });
    res.json(revoked);
  });

  return router;
}
