import express, { type Router } from "express";
import { AppError } from "../../shared/errors.ts";
import type { LocalQuestionsReply } from "../../shared/local-breakdown-contract.ts";
import type { Pool, ReadPool } from "../db.ts";
import { listLocalVersions } from "../queries/local-questions.ts";
import type { RollupScope } from "../queries/report-rollups.ts";
import { buildLocalBreakdown, versionSummaries } from "../reports/local-breakdown.ts";
import { optionalId, reportParams, single } from "../reports/params.ts";
import { loadReportContext } from "../reports/report-context.ts";
import { viewerOf } from "./viewer-auth.ts";
import { resolveScope } from "./viewer-scope.ts";

/**
 * Inside /api/v1/dashboard (after requireViewer): the municipality's local question versions,
 * and one selection's headlines broken down by one version's answers (docs/reports-api.md).
 */
export function localBreakdownRoutes(pool: Pool, reads: ReadPool): Router {
  const router = express.Router();

  router.get("/local-questions", async (req, res) => {
    const db = reads();
    if (Object.keys(req.query).length > 0)
      throw new AppError("invalid_report_query", "local-questions takes no parameters.");
    const versions = versionSummaries(await listLocalVersions(db, viewerOf(res).municipalityId));
    res.set("Cache-Control", "private, no-cache").json({ versions } satisfies LocalQuestionsReply);
  });

  router.get("/local-breakdown", async (req, res) => {
    const db = reads();
    const params = reportParams(req, ["question"]);
    const versionId = optionalId(req, "question");
    if (!versionId)
      throw new AppError(
        "invalid_report_query",
        `question is required: a local question version's id (see /local-questions); given "${single(req, "question") ?? ""}".`,
      );
    const viewer = viewerOf(res);
    const scope: RollupScope = {
      ...(await resolveScope(pool, viewer, { site: params.site, kiosk: params.kiosk })),
      includeSuspect: params.includeSuspect,
    };
    const [versions, context] = await Promise.all([
      listLocalVersions(db, viewer.municipalityId),
      loadReportContext(db, scope),
    ]);
    const version = versionSummaries(versions).find((candidate) => candidate.id === versionId);
    if (!version)
      throw new AppError(
        "unknown_local_question",
        `No local question version has the id ${versionId}.`,
      );
    const range = { from: params.from, to: params.to, site: params.site ?? null };
    res
      .set("Cache-Control", "private, no-cache")
      .json(await buildLocalBreakdown(db, scope, version, range, context.k));
  });

  return router;
}
