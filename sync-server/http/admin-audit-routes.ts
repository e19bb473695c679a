import express, { type Router } from "express";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { listAuditEntries } from "../queries/audit-log.ts";
import { viewerOf } from "./viewer-auth.ts";

const auditQuery = z.strictObject({
  // A prefix of the dotted verb: "login", "login.failed", "token."
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,63}$/)
    .optional(),
  // Paging: entries older than the last one shown.
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/v1/admin/audit: the municipality's audit log, newest first, a page at a time. */
export function adminAuditRoutes(pool: Pool): Router {
  const router = express.Router();
  router.get("/", async (req, res) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        "invalid_request",
        `${issue?.path.join(".") || "query"}: ${issue?.message ?? "not valid"} (action=<prefix>, before=<ISO time>, limit=1…500).`,
      );
    }
    const { action, before, limit } = parsed.data;
    const entries = await listAuditEntries(pool, {
      municipalityId: viewerOf(res).municipalityId,
      actionPrefix: action,
      before: before === undefined ? undefined : new Date(before),
      limit,
    });
    const last = entries.at(-1);
    res.set("Cache-Control", "no-store").json({
      entries,
      nextBefore: entries.length === limit && last ? last.at.toISOString() : null,
    });
  });
  return router;
}
