import express, { type Router } from "express";
import type { Pool, ReadPool } from "../db.ts";
import { reportParams } from "../reports/params.ts";
import { buildReport } from "../reports/report.ts";
import { loadReportContext } from "../reports/report-context.ts";
import { requireViewer, viewerOf } from "./viewer-auth.ts";
import { resolveScope } from "./viewer-scope.ts";

/** /api/v1/report: the figures of a date range, for people (cookie) and scripts (token). */
export function reportRoutes(pool: Pool, reads: ReadPool): Router {
  const router = express.Router();
  router.get("/", requireViewer(pool), async (req, res) => {
    const db = reads();
    const params = reportParams(req);
    const scope = await resolveScope(pool, viewerOf(res), params);
    const rollupScope = { ...scope, includeSuspect: params.includeSuspect };
    const report = await buildReport(
      db,
      rollupScope,
      { from: params.from, to: params.to, site: params.site ?? null },
      await loadReportContext(db, rollupScope),
    );
    res.set("Cache-Control", "private, no-cache").json(report);
  });
  return router;
}
