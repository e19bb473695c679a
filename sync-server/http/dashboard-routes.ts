import express, { type Request, type Response, type Router } from "express";
import { AppError } from "../../shared/errors.ts";
import type {
  ChangesReply,
  CommentPage,
  CompareReply,
  HeatmapReply,
  KiosksReply,
  StudyReply,
  TodayReply,
  TrendReply,
  YearEarlierReply,
} from "../../shared/report-contract.ts";
import type { Pool, ReadPool } from "../db.ts";
import { listComments } from "../queries/comments.ts";
import { listKioskDetails, listSiteDetails } from "../queries/dashboard-lists.ts";
import { findSeqGaps, findSeqRuns, listKioskHealth } from "../queries/kiosk-health.ts";
import { type RollupScope, rollupsChangeMark } from "../queries/report-rollups.ts";
import { buildComparison } from "../reports/compare.ts";
import { buildHeatmap } from "../reports/heatmap.ts";
import { kioskHealthRows } from "../reports/kiosk-health.ts";
import { type Grouping, localClock } from "../reports/local-time.ts";
import {
  booleanParam,
  daysBetween,
  localDate,
  onlyParams,
  optionalId,
  reportParams,
  single,
} from "../reports/params.ts";
import { loadReportContext, loadTargets } from "../reports/report-context.ts";
import { buildStudy } from "../reports/study.ts";
import { buildToday } from "../reports/today.ts";
import { buildTrend, defaultGrouping } from "../reports/trend.ts";
import { buildYearEarlier } from "../reports/year-earlier.ts";
import { localBreakdownRoutes } from "./local-breakdown-routes.ts";
import { notificationRoutes } from "./notification-routes.ts";
import { targetRoutes } from "./target-routes.ts";
import { requireViewer, viewerOf } from "./viewer-auth.ts";
import { resolveScope } from "./viewer-scope.ts";

function groupingOf(req: Request, days: number): Grouping {
  const by = single(req, "by");
  if (by === undefined || by === "") return defaultGrouping(days);
  if (by === "day" || by === "week" || by === "month") return by;
  throw new AppError("invalid_report_query", `by must be day, week or month, not "${by}".`);
}

const commentPageMax = 100;

/** The viewer's scope, narrowed by ?site and ?kiosk (403 outside their sites). */
async function scopeOf(pool: Pool, req: Request, res: Response, includeSuspect: boolean) {
  const scope = await resolveScope(pool, viewerOf(res), {
    site: optionalId(req, "site"),
    kiosk: optionalId(req, "kiosk"),
  });
  return { ...scope, includeSuspect } satisfies RollupScope;
}

/** Every reply of these endpoints is one of the report contract's (shared/report-contract.ts). */
type DashboardReply =
  | TodayReply
  | TrendReply
  | StudyReply
  | YearEarlierReply
  | HeatmapReply
  | CompareReply
  | CommentPage
  | KiosksReply;

function send(res: Response, body: DashboardReply): void {
  // Figures change with every sync: the browser must ask again, but may revalidate.
  res.set("Cache-Control", "private, no-cache").json(body);
}

/**
 * /api/v1/dashboard: the small JSON endpoints the chief's dashboard reads (docs/reports-api.md).
 * All read-only, all from rollups except comments and kiosk health.
 */
export function dashboardRoutes(pool: Pool, reads: ReadPool): Router {
  const router = express.Router();
  router.use(requireViewer(pool));
  router.use("/targets", targetRoutes(pool));
  router.use("/notifications", notificationRoutes(pool));
  router.use(localBreakdownRoutes(pool, reads));

  router.get("/today", async (req, res) => {
    const db = reads();
    onlyParams(req, ["site", "kiosk", "includeSuspect", "date"]);
    const scope = await scopeOf(pool, req, res, booleanParam(req, "includeSuspect"));
    const sites = await listSiteDetails(db, scope.municipalityId, scope.siteIds);
    // "Today" in the zone of the (first) site shown; a municipality's sites share one in practice.
    const timezone = sites[0]?.timezone ?? "Europe/Copenhagen";
    const dateParam = single(req, "date");
    const today = dateParam ? localDate(dateParam, "date") : localClock(new Date(), timezone).date;
    const [context, targets] = await Promise.all([
      loadReportContext(db, scope),
      loadTargets(db, scope),
    ]);
    send(res, await buildToday(db, scope, today, { ...context, timezone, targets }));
  });

  router.get("/trend", async (req, res) => {
    const db = reads();
    const params = reportParams(req, ["by"]);
    const by = groupingOf(req, daysBetween(params.from, params.to) + 1);
    const scope = await scopeOf(pool, req, res, params.includeSuspect);
    const [context, targets, sites] = await Promise.all([
      loadReportContext(db, scope),
      loadTargets(db, scope),
      listSiteDetails(db, scope.municipalityId, scope.siteIds),
    ]);
    send(
      res,
      await buildTrend(
        db,
        scope,
        { from: params.from, to: params.to, by },
        { ...context, targets, openingHours: sites.map((site) => site.openingHours) },
      ),
    );
  });

  router.get("/study", async (req, res) => {
    const db = reads();
    const params = reportParams(req);
    const scope = await scopeOf(pool, req, res, params.includeSuspect);
    const context = await loadReportContext(db, scope);
    send(res, await buildStudy(db, scope, { ...params, site: params.site ?? null }, context));
  });

  router.get("/year-earlier", async (req, res) => {
    const db = reads();
    const params = reportParams(req);
    // PostgreSQL has no year 0: a year before year 1 does not exist.
    if (params.from < "0002-01-01") {
      throw new AppError("invalid_report_query", "from must be in year 2 or later.");
    }
    const scope = await scopeOf(pool, req, res, params.includeSuspect);
    const { k } = await loadReportContext(db, scope);
    send(res, await buildYearEarlier(db, scope, params, k));
  });

  router.get("/heatmap", async (req, res) => {
    const db = reads();
    const params = reportParams(req);
    const scope = await scopeOf(pool, req, res, params.includeSuspect);
    const [sites, context] = await Promise.all([
      listSiteDetails(db, scope.municipalityId, scope.siteIds),
      loadReportContext(db, scope),
    ]);
    send(
      res,
      await buildHeatmap(
        db,
        scope,
        params,
        sites.map((site) => site.openingHours),
        context.k,
      ),
    );
  });

  router.get("/compare", async (req, res) => {
    const db = reads();
    const params = reportParams(req, ["by"]);
    const by = single(req, "by") ?? "site";
    if (by !== "site" && by !== "kiosk") {
      throw new AppError("invalid_report_query", `by must be site or kiosk, not "${by}".`);
    }
    const scope = await scopeOf(pool, req, res, params.includeSuspect);
    const units =
      by === "site"
        ? (await listSiteDetails(db, scope.municipalityId, scope.siteIds)).map((site) => ({
            id: site.id,
            name: site.name,
            siteId: site.id,
          }))
        : (await listKioskDetails(db, scope.municipalityId, scope.siteIds))
            .filter((kiosk) => scope.kioskId === null || kiosk.id === scope.kioskId)
            .map((kiosk) => ({ id: kiosk.id, name: kiosk.name, siteId: kiosk.siteId }));
    const { k } = await loadReportContext(db, scope);
    send(res, await buildComparison(db, scope, params, by, units, k));
  });

  router.get("/comments", async (req, res) => {
    const db = reads();
    const params = reportParams(req, ["q", "before", "limit"]);
    const limitText = single(req, "limit") ?? "20";
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > commentPageMax) {
      throw new AppError("invalid_report_query", `limit must be 1…${commentPageMax}.`);
    }
    const search = single(req, "q")?.trim() || undefined;
    if (search && search.length > 200) {
      throw new AppError("invalid_report_query", "q is at most 200 characters.");
    }
    const scope = await scopeOf(pool, req, res, params.includeSuspect);
    const comments = await listComments(db, scope, params, {
      search,
      before: optionalId(req, "before"),
      limit: limit + 1,
    });
    const page = comments.slice(0, limit);
    send(res, {
      comments: page,
      // The cursor for the next (older) page; null when this was the last.
      next: comments.length > limit ? (page.at(-1)?.id ?? null) : null,
    });
  });

  router.get("/kiosks", async (req, res) => {
    const db = reads();
    onlyParams(req, ["site"]);
    const scope = await scopeOf(pool, req, res, false);
    const [sites, kiosks, health] = await Promise.all([
      listSiteDetails(db, scope.municipalityId, scope.siteIds),
      listKioskDetails(db, scope.municipalityId, scope.siteIds),
      listKioskHealth(db, scope.municipalityId),
    ]);
    const kioskIds = kiosks.map((kiosk) => kiosk.id);
    const [gaps, runs] = await Promise.all([
      findSeqGaps(db, scope.municipalityId, kioskIds),
      findSeqRuns(db, scope.municipalityId, kioskIds),
    ]);
    send(res, { kiosks: kioskHealthRows(kiosks, sites, health, gaps, runs, new Date()) });
  });

  // Polled every 15 s by the dashboard: a cheap probe (one index read) with an ETag, so the
  // figures are fetched again only when a sync has changed them (304 otherwise).
  router.get("/changes", async (req, res) => {
    const db = reads();
    onlyParams(req, ["site"]);
    const scope = await scopeOf(pool, req, res, false);
    const { changedAt, recentResponses } = await rollupsChangeMark(db, scope);
    const etag = `W/"${changedAt?.getTime() ?? 0}-${recentResponses}"`;
    res.set({ "Cache-Control": "private, no-cache", ETag: etag });
    if (req.get("if-none-match") === etag) {
      res.status(304).end();
      return;
    }
    const reply: ChangesReply = { changedAt: changedAt?.toISOString() ?? null };
    res.json(reply);
  });

  return router;
}
