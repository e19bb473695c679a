import { minutesOfDay, type OpeningHours, weekdayOf } from "../../shared/opening-hours.ts";
import type { KioskDetails, SiteDetails } from "../queries/dashboard-lists.ts";
import type { KioskHealth, SeqGap } from "../queries/kiosk-health.ts";
import { addDays, localClock } from "./local-time.ts";

/** Closing minute of a local date's last opening interval; undefined when closed that day. */
function closingMinute(hours: OpeningHours, date: string): number | undefined {
  const intervals = hours[weekdayOf(date)] ?? [];
  if (intervals.length === 0) return undefined;
  return Math.max(...intervals.map(([, closes]) => minutesOfDay(closes)));
}

/**
 * True when a whole opening day has passed without a sync: some local date after the last sync
 * (or after the kiosk was added, if it never synced) on which the site was open and whose
 * opening hours are over. Looks back at most 60 days (beyond that it is red anyway).
 */
export function silentForAnOpeningDay(
  lastSeen: Date,
  now: Date,
  site: Pick<SiteDetails, "timezone" | "openingHours">,
): boolean {
  const seen = localClock(lastSeen, site.timezone);
  const clock = localClock(now, site.timezone);
  let date = addDays(seen.date, 1);
  for (let step = 0; step < 60 && date <= clock.date; step += 1, date = addDays(date, 1)) {
    const closes = closingMinute(site.openingHours, date);
    if (closes === undefined) continue;
    if (date < clock.date || clock.minute >= closes) return true;
  }
  return seen.date < addDays(clock.date, -60);
}

export type KioskHealthRow = {
  kioskId: string;
  name: string;
  siteId: string;
  siteName: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  appVersion: string | null;
  clockOffsetMs: number | null;
  highestSeq: number;
  storedCount: number;
  missing: number;
  gaps: { firstMissing: number; lastMissing: number }[];
  /** Shown red: silent for a whole opening day (revoked kiosks never are). */
  silent: boolean;
};

/** GET /dashboard/kiosks: each kiosk's last sync, app version, clock offset and seq gaps. */
export function kioskHealthRows(
  kiosks: readonly KioskDetails[],
  sites: readonly SiteDetails[],
  health: readonly KioskHealth[],
  gaps: readonly SeqGap[],
  now: Date,
): KioskHealthRow[] {
  const siteById = new Map(sites.map((site) => [site.id, site]));
  const healthById = new Map(health.map((row) => [row.kioskId, row]));
  return kiosks.flatMap((kiosk) => {
    const site = siteById.get(kiosk.siteId);
    if (!site) return [];
    const seen = healthById.get(kiosk.id);
    return [
      {
        kioskId: kiosk.id,
        name: kiosk.name,
        siteId: site.id,
        siteName: site.name,
        revokedAt: kiosk.revokedAt?.toISOString() ?? null,
        lastSyncAt: seen?.lastSyncAt.toISOString() ?? null,
        appVersion: seen?.appVersion ?? null,
        clockOffsetMs: seen?.clockOffsetMs ?? null,
        highestSeq: seen?.highestSeq ?? 0,
        storedCount: seen?.storedCount ?? 0,
        missing: seen?.missing ?? 0,
        gaps: gaps
          .filter((gap) => gap.kioskId === kiosk.id)
          .map(({ firstMissing, lastMissing }) => ({ firstMissing, lastMissing })),
        silent:
          kiosk.revokedAt === null &&
          silentForAnOpeningDay(seen?.lastSyncAt ?? kiosk.createdAt, now, site),
      },
    ];
  });
}
