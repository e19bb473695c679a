import express, { type Router } from "express";
import { z } from "zod";
import { disclosureDefault, disclosureMax, disclosureMin } from "../../shared/disclosure.ts";
import { AppError } from "../../shared/errors.ts";
import type { DisclosureSetting } from "../../shared/report-contract.ts";
import { setDisclosure } from "../admin/disclosure.ts";
import type { Pool } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import { setExactTimes } from "../queries/export-grants.ts";
import { disclosureLimitOf } from "../queries/municipalities.ts";
import { requireRole, requireViewer, viewerOf } from "./viewer-auth.ts";

const body = z.strictObject({ k: z.int().min(disclosureMin).max(disclosureMax) });
const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((value) => value.toLowerCase());
const grant = z.union([
  z.strictObject({ userId: id, granted: z.boolean() }),
  z.strictObject({ tokenId: id, granted: z.boolean() }),
]);

const setting = (k: number): DisclosureSetting => ({
  k,
  min: disclosureMin,
  max: disclosureMax,
  default: disclosureDefault,
});

/**
 * /api/v1/admin/disclosure: the municipality's disclosure limit k; /api/v1/admin/exact-times:
 * which user or token may export exact instants. Admins only; every change audited.
 */
export function disclosureRoutes(pool: Pool): Router {
  const router = express.Router();
  // Per route, not router.use: this router shares /admin with the admin router behind it.
  const admin = [requireViewer(pool), requireRole("admin")];

  router.put("/exact-times", ...admin, express.json({ limit: "1kb" }), async (req, res) => {
    const parsed = grant.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new AppError(
        "invalid_request",
        "Send {userId, granted} or {tokenId, granted}, granted true or false.",
      );
    }
    const viewer = viewerOf(res);
    const who =
      "userId" in parsed.data ? { userId: parsed.data.userId } : { tokenId: parsed.data.tokenId };
    const found = await setExactTimes(
      pool,
      { municipalityId: viewer.municipalityId, ...who },
      parsed.data.granted,
    );
    if (!found) throw new AppError("not_found", "No such user or token in your municipality.");
    await insertAuditEntries(pool, [
      {
        municipalityId: viewer.municipalityId,
        actorKind: viewer.tokenId ? "token" : "user",
        actorId: viewer.tokenId ?? viewer.userId ?? null,
        action: parsed.data.granted ? "export.exact_times_granted" : "export.exact_times_withdrawn",
        targetId: "userId" in parsed.data ? parsed.data.userId : parsed.data.tokenId,
        ip: req.ip ?? null,
      },
    ]);
    res.set("Cache-Control", "no-store").json({ ...who, granted: parsed.data.granted });
  });

  router.get("/disclosure", ...admin, async (_req, res) => {
    const k = await disclosureLimitOf(pool, viewerOf(res).municipalityId);
    res.set("Cache-Control", "no-store").json(setting(k));
  });

  router.put("/disclosure", ...admin, express.json({ limit: "1kb" }), async (req, res) => {
    const parsed = body.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new AppError(
        "invalid_request",
        `k must be a whole number from ${disclosureMin} to ${disclosureMax}.`,
      );
    }
    const viewer = viewerOf(res);
    await setDisclosure(pool, {
      municipalityId: viewer.municipalityId,
      k: parsed.data.k,
      actor: viewer.tokenId
        ? { actorKind: "token", actorId: viewer.tokenId }
        : { actorKind: "user", actorId: viewer.userId ?? null },
    });
    res.set("Cache-Control", "no-store").json(setting(parsed.data.k));
  });
  return router;
}
