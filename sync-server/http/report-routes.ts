import express, { type Router } from "express";
import type { Pool } from "../db.ts";
import { reportParams } from "../reports/params.ts";
import { buildReport } from "../reports/report.ts";
import { requireViewer, viewerOf } from "./viewer-auth.ts";
import { resolveScope } from "./viewer-scope.ts";

/** /api/v1/report: the figures of a date range, for people (cookie) and scripts (token). */
export function reportRoutes(pool: Pool): Router {
  const router = express.Router();
  router.get("/", requireViewer(pool), async (req, res) => {
    const params = reportParams(req);
    const scope = await resolveScope(pool, viewerOf(res), params);
    const report = await buildReport(
      pool,
      { ...scope, includeSuspect: params.includeSuspect },
      { from: params.from, to: params.to, site: params.site ?? null },
    );
    res.set("Cache-Control", "private, no-cache").json(report);
  });
  return router;
}
