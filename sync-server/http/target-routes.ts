import express, { type Router } from "express";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { headlineCodes } from "../../shared/headlines.ts";
import type { TargetsReply } from "../../shared/report-contract.ts";
import type { Pool } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import { deleteTarget, listTargets, upsertTarget } from "../queries/targets.ts";
import { requireRole, viewerOf } from "./viewer-auth.ts";
import { resolveScope } from "./viewer-scope.ts";

const targetChange = z.strictObject({
  siteId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
    .transform((id) => id.toLowerCase())
    .nullable(),
  headline: z.enum(headlineCodes),
  // One decimal, as the figures are shown.
  percent: z
    .number()
    .min(0)
    .max(100)
    .refine((value) => Math.round(value * 10) === value * 10, "has at most one decimal")
    .nullable(),
});

/**
 * /api/v1/dashboard/targets: a target share per headline, for the municipality or one site.
 * Everyone who reads figures reads them; admins and chiefs set them (a chief only for sites
 * they see, and municipality-wide only if they see every site). Each change is audited.
 */
export function targetRoutes(pool: Pool): Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const unknown = Object.keys(req.query);
    if (unknown.length) {
      throw new AppError("invalid_report_query", `Unknown parameter ${unknown.join(", ")}.`);
    }
    const viewer = viewerOf(res);
    const rows = await listTargets(pool, viewer.municipalityId, viewer.siteIds);
    const reply: TargetsReply = {
      targets: rows.map((row) => ({ ...row, setAt: row.setAt.toISOString() })),
    };
    res.set("Cache-Control", "private, no-cache").json(reply);
  });

  router.put(
    "/",
    requireRole("admin", "chief"),
    express.json({ limit: "4kb" }),
    async (req, res) => {
      const parsed = targetChange.safeParse(req.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          "invalid_request",
          `${issue?.path.join(".") || "body"}: ${issue?.message ?? "not valid"}.`,
        );
      }
      const change = parsed.data;
      const viewer = viewerOf(res);
      if (change.siteId === null && viewer.siteIds !== null) {
        throw new AppError(
          "forbidden",
          "Only someone who sees every site sets a municipality target.",
        );
      }
      if (change.siteId !== null) await resolveScope(pool, viewer, { site: change.siteId });
      const key = {
        municipalityId: viewer.municipalityId,
        siteId: change.siteId,
        headline: change.headline,
      };
      if (change.percent === null) await deleteTarget(pool, key);
      else
        await upsertTarget(pool, { ...key, percent: change.percent, setBy: viewer.userId ?? null });
      await insertAuditEntries(pool, [
        {
          municipalityId: viewer.municipalityId,
          actorKind: viewer.tokenId ? "token" : "user",
          actorId: viewer.tokenId ?? viewer.userId ?? null,
          action: change.percent === null ? "target.removed" : "target.set",
          targetId: `${change.siteId ?? "municipality"}:${change.headline}`,
          details: { ...change },
          ip: req.ip ?? null,
        },
      ]);
      const rows = await listTargets(pool, viewer.municipalityId, viewer.siteIds);
      res.set("Cache-Control", "no-store").json({
        targets: rows.map((row) => ({ ...row, setAt: row.setAt.toISOString() })),
      } satisfies TargetsReply);
    },
  );

  return router;
}
