import { v7 as uuidv7 } from "uuid";
import { thresholdOf } from "../../shared/notifications-contract.ts";
import { isOpenAt } from "../../shared/opening-hours.ts";
import type { Pool } from "../db.ts";
import {
  type AlertEpisode,
  clearEpisodes,
  listOpenEpisodes,
  openEpisodes,
} from "../queries/alert-episodes.ts";
import { type AlertRule, listAlertRules } from "../queries/alert-rules.ts";
import {
  type KioskDetails,
  listKioskDetails,
  listSiteDetails,
  type SiteDetails,
} from "../queries/dashboard-lists.ts";
import { type KioskHealth, listKioskHealth } from "../queries/kiosk-health.ts";
import { localClock } from "../reports/local-time.ts";
import { loadReportContext, loadTargets } from "../reports/report-context.ts";
import { spcSignals } from "../reports/spc-signals.ts";
import { openMinutesBetween } from "./open-minutes.ts";

export type AlertTransition = {
  municipalityId: string;
  episodeId: string;
  event: "opened" | "cleared";
  rule: AlertRule;
};

type Firing = Map<string, Record<string, unknown>>;
type Facts = {
  site: SiteDetails;
  kiosks: KioskDetails[];
  health: Map<string, KioskHealth>;
  now: Date;
};

/** The rule's threshold (hours, or least answers), else its kind's default (the one contract). */
const threshold = (rule: AlertRule): number => {
  const spec = thresholdOf[rule.kind];
  if (!spec) return 0;
  const value = Object.hasOwn(rule.params, spec.param) ? rule.params[spec.param] : undefined;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : spec.fallback;
};

/** Kiosks silent for N opening hours: minutes the site was open since their last sync. */
function silentKiosks(rule: AlertRule, facts: Facts): Firing {
  const needed = threshold(rule) * 60;
  const firing: Firing = new Map();
  for (const kiosk of facts.kiosks) {
    const lastSeen = facts.health.get(kiosk.id)?.lastSyncAt ?? kiosk.createdAt;
    const open = openMinutesBetween(
      lastSeen,
      facts.now,
      facts.site.openingHours,
      facts.site.timezone,
      needed,
    );
    if (open >= needed)
      firing.set(kiosk.id, { kiosk: kiosk.name, lastSyncAt: lastSeen.toISOString() });
  }
  return firing;
}

function staleOutboxes(rule: AlertRule, facts: Facts): Firing {
  const limitMs = threshold(rule) * 3_600_000;
  const firing: Firing = new Map();
  for (const kiosk of facts.kiosks) {
    const oldest = facts.health.get(kiosk.id)?.oldestPendingAt;
    if (oldest && facts.now.getTime() - oldest.getTime() >= limitMs) {
      firing.set(kiosk.id, {
        kiosk: kiosk.name,
        oldestPendingAt: oldest.toISOString(),
        outboxSize: facts.health.get(kiosk.id)?.outboxSize ?? null,
      });
    }
  }
  return firing;
}

function volatileStorage(facts: Facts): Firing {
  const firing: Firing = new Map();
  for (const kiosk of facts.kiosks) {
    if (facts.health.get(kiosk.id)?.storagePersisted === false)
      firing.set(kiosk.id, { kiosk: kiosk.name });
  }
  return firing;
}

async function spcFiring(pool: Pool, rule: AlertRule, facts: Facts): Promise<Firing> {
  const scope = {
    municipalityId: rule.municipalityId,
    siteIds: [rule.siteId],
    kioskId: null,
    includeSuspect: false,
  };
  const [context, targets] = await Promise.all([
    loadReportContext(pool, scope),
    loadTargets(pool, scope),
  ]);
  const today = localClock(facts.now, facts.site.timezone).date;
  const signals = await spcSignals(
    pool,
    scope,
    today,
    { ...context, targets, openingHours: [facts.site.openingHours] },
    threshold(rule),
  );
  return new Map(signals.map((signal) => [signal.headline, { ...signal }]));
}

async function firingOf(pool: Pool, rule: AlertRule, facts: Facts): Promise<Firing> {
  switch (rule.kind) {
    case "kiosk_silent":
      return silentKiosks(rule, facts);
    case "outbox_stale":
      return staleOutboxes(rule, facts);
    case "storage_not_persistent":
      return volatileStorage(facts);
    case "spc_signal":
      return spcFiring(pool, rule, facts);
  }
}

/**
 * One pass over every enabled alert rule: opens an episode for each subject (a kiosk, or a
 * headline) that newly fires, clears those that stopped. A silent kiosk opens an episode only
 * while its site is open (closed hours do not count towards N, nor raise the alert); it clears
 * when the kiosk syncs again. The database keeps one open episode per rule and subject, so two
 * servers checking at once tell each change once.
 */
export async function checkAlerts(pool: Pool, now: Date): Promise<AlertTransition[]> {
  const rules = await listAlertRules(pool, null);
  const transitions: AlertTransition[] = [];
  const byMunicipality = new Map<string, AlertRule[]>();
  for (const rule of rules)
    byMunicipality.set(rule.municipalityId, [
      ...(byMunicipality.get(rule.municipalityId) ?? []),
      rule,
    ]);
  for (const [municipalityId, own] of byMunicipality) {
    const [sites, kiosks, health, open] = await Promise.all([
      listSiteDetails(pool, municipalityId, null),
      listKioskDetails(pool, municipalityId, null),
      listKioskHealth(pool, municipalityId),
      listOpenEpisodes(
        pool,
        own.map((rule) => rule.id),
      ),
    ]);
    const healthById = new Map(health.map((row) => [row.kioskId, row]));
    for (const rule of own) {
      const site = sites.find((candidate) => candidate.id === rule.siteId);
      if (!site) continue;
      const facts: Facts = {
        site,
        kiosks: kiosks.filter((kiosk) => kiosk.siteId === site.id && kiosk.revokedAt === null),
        health: healthById,
        now,
      };
      const firing = await firingOf(pool, rule, facts);
      const openNow: AlertEpisode[] = open.filter((episode) => episode.ruleId === rule.id);
      const openSubjects = new Set(openNow.map((episode) => episode.subject));
      const mayOpen =
        rule.kind !== "kiosk_silent" || isOpenAt(site.openingHours, site.timezone, now);
      const opened = await openEpisodes(
        pool,
        mayOpen
          ? [...firing]
              .filter(([subject]) => !openSubjects.has(subject))
              .map(([subject, details]) => ({
                municipalityId,
                id: uuidv7(),
                ruleId: rule.id,
                subject,
                details,
              }))
          : [],
        now,
      );
      const cleared = await clearEpisodes(
        pool,
        openNow.filter((episode) => !firing.has(episode.subject)).map((episode) => episode.id),
        now,
      );
      for (const episodeId of opened)
        transitions.push({ municipalityId, episodeId, event: "opened", rule });
      for (const episodeId of cleared)
        transitions.push({ municipalityId, episodeId, event: "cleared", rule });
    }
  }
  return transitions;
}
