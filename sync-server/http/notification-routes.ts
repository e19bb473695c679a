import express, { type Router } from "express";
import { v7 as uuidv7 } from "uuid";
import { AppError } from "../../shared/errors.ts";
import {
  type AlertEpisodeView,
  type AlertRulesReply,
  type AlertRuleView,
  type AlertsReply,
  alertRuleChange,
  type SubscribersReply,
  type SubscriptionReply,
  subscriptionChange,
  thresholdOf,
} from "../../shared/notifications-contract.ts";
import type { Pool } from "../db.ts";
import { listRecentEpisodes } from "../queries/alert-episodes.ts";
import { type AlertRule, listAlertRules, upsertAlertRule } from "../queries/alert-rules.ts";
import {
  deleteSubscription,
  findSubscription,
  listSubscriptions,
  upsertSubscription,
} from "../queries/digest-subscriptions.ts";
import { findSiteInMunicipality } from "../queries/sites.ts";
import { audit } from "./audit-trail.ts";
import { parse } from "./parse-body.ts";
import { requireRole, type Viewer, viewerOf, viewerSeesSite } from "./viewer-auth.ts";

/** Episodes cleared within this many days still show on the dashboard. */
const recentDays = 7;

function ownUser(viewer: Viewer): string {
  if (!viewer.userId)
    throw new AppError("forbidden", "Only a logged-in user has a digest subscription.");
  return viewer.userId;
}

function ruleView(rule: AlertRule): AlertRuleView {
  const threshold = thresholdOf[rule.kind];
  const value =
    threshold && Object.hasOwn(rule.params, threshold.param)
      ? rule.params[threshold.param]
      : undefined;
  return {
    id: rule.id,
    siteId: rule.siteId,
    kind: rule.kind,
    enabled: rule.enabled,
    threshold: threshold ? (value ?? threshold.fallback) : null,
    emails: rule.emails,
    webhookUrl: rule.webhookUrl,
    language: rule.language,
  };
}

/**
 * /api/v1/dashboard/notifications: one's own digest subscription; admins see who is
 * subscribed; admins and chiefs set alert rules for their sites; everyone sees their sites'
 * alerts. Changes are audited.
 */
export function notificationRoutes(pool: Pool): Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));
  // None of these reads takes a parameter: a misspelt one is refused, not ignored (issue 12).
  router.use((req, _res, next) => {
    const unknown = Object.keys(req.query);
    if (req.method === "GET" && unknown.length) {
      throw new AppError("invalid_report_query", `Unknown parameter ${unknown.join(", ")}.`);
    }
    next();
  });

  router.get("/subscription", async (_req, res) => {
    const viewer = viewerOf(res);
    const found = await findSubscription(pool, viewer.municipalityId, ownUser(viewer));
    res.json({
      subscription: found ? { frequency: found.frequency, language: found.language } : null,
    } satisfies SubscriptionReply);
  });

  router.put("/subscription", async (req, res) => {
    const viewer = viewerOf(res);
    const userId = ownUser(viewer);
    const change = parse(subscriptionChange, req.body);
    if (change.frequency === null) {
      await deleteSubscription(pool, viewer.municipalityId, userId);
    } else {
      await upsertSubscription(pool, {
        municipalityId: viewer.municipalityId,
        userId,
        frequency: change.frequency,
        language: change.language,
      });
    }
    await audit(pool, req, res, {
      action: change.frequency === null ? "digest.unsubscribed" : "digest.subscribed",
      targetId: userId,
      details: change,
    });
    res.json({
      subscription: change.frequency
        ? { frequency: change.frequency, language: change.language }
        : null,
    } satisfies SubscriptionReply);
  });

  router.get("/subscribers", requireRole("admin"), async (_req, res) => {
    const rows = await listSubscriptions(pool, viewerOf(res).municipalityId);
    res.json({
      subscribers: rows.map(({ email, role, frequency, language }) => ({
        email,
        role,
        frequency,
        language,
      })),
    } satisfies SubscribersReply);
  });

  router.get("/alerts", async (_req, res) => {
    const viewer = viewerOf(res);
    const since = new Date(Date.now() - recentDays * 86_400_000);
    const episodes = await listRecentEpisodes(pool, viewer.municipalityId, viewer.siteIds, since);
    res.set("Cache-Control", "private, no-cache").json({
      alerts: episodes.map(
        (episode): AlertEpisodeView => ({
          id: episode.id,
          siteId: episode.siteId,
          kind: episode.kind,
          subject: episode.subject,
          kiosk: typeof episode.details.kiosk === "string" ? episode.details.kiosk : null,
          openedAt: episode.openedAt.toISOString(),
          clearedAt: episode.clearedAt?.toISOString() ?? null,
        }),
      ),
    } satisfies AlertsReply);
  });

  router.get("/rules", requireRole("admin", "chief"), async (_req, res) => {
    const viewer = viewerOf(res);
    const rules = await listAlertRules(pool, viewer.municipalityId);
    res.json({
      rules: rules.filter((rule) => viewerSeesSite(viewer, rule.siteId)).map(ruleView),
    } satisfies AlertRulesReply);
  });

  router.put("/rules", requireRole("admin", "chief"), async (req, res) => {
    const viewer = viewerOf(res);
    const change = parse(alertRuleChange, req.body);
    if (!viewerSeesSite(viewer, change.siteId))
      throw new AppError("forbidden", "You can set alerts only for your own sites.");
    // Another municipality's site is simply unknown.
    if (!(await findSiteInMunicipality(pool, viewer.municipalityId, change.siteId)))
      throw new AppError("unknown_site", `No site has the id ${change.siteId}.`);
    const threshold = thresholdOf[change.kind];
    if (threshold && (change.threshold < threshold.min || change.threshold > threshold.max)) {
      throw new AppError(
        "invalid_request",
        `threshold: ${threshold.param} must be ${threshold.min}–${threshold.max}.`,
      );
    }
    const id = await upsertAlertRule(pool, {
      municipalityId: viewer.municipalityId,
      id: uuidv7(),
      siteId: change.siteId,
      kind: change.kind,
      enabled: change.enabled,
      params: threshold ? { [threshold.param]: change.threshold } : {},
      emails: change.emails.map((email) => email.toLowerCase()),
      webhookUrl: change.webhookUrl,
      language: change.language,
    });
    await audit(pool, req, res, { action: "alert_rule.set", targetId: id, details: change });
    const rules = await listAlertRules(pool, viewer.municipalityId);
    res.json({
      rules: rules.filter((rule) => viewerSeesSite(viewer, rule.siteId)).map(ruleView),
    } satisfies AlertRulesReply);
  });

  return router;
}
