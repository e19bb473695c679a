import { minutesOfDay, type OpeningHours, weekdayOf } from "../../shared/opening-hours.ts";
import type { KioskHealth as KioskHealthReply } from "../../shared/report-contract.ts";
import type { KioskDetails, SiteDetails } from "../queries/dashboard-lists.ts";
import type { KioskHealth, SeqGap, SeqRuns } from "../queries/kiosk-health.ts";
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

/** One kiosk's row, as the report contract declares it. */
export type KioskHealthRow = KioskHealthReply;

/** GET /dashboard/kiosks: each kiosk's last sync, app version, clock offset and seq gaps. */
export function kioskHealthRows(
  kiosks: readonly KioskDetails[],
  sites: readonly SiteDetails[],
  health: readonly KioskHealth[],
  gaps: readonly SeqGap[],
  runs: readonly SeqRuns[],
  now: Date,
): KioskHealthRow[] {
  const siteById = new Map(sites.map((site) => [site.id, site]));
  const healthById = new Map(health.map((row) => [row.kioskId, row]));
  const runsById = new Map(runs.map((row) => [row.kioskId, row]));
  return kiosks.flatMap((kiosk) => {
    const site = siteById.get(kiosk.siteId);
    if (!site) return [];
    const seen = healthById.get(kiosk.id);
    const kioskGaps = gaps
      .filter((gap) => gap.kioskId === kiosk.id)
      .map(({ run, firstMissing, lastMissing }) => ({ run, firstMissing, lastMissing }));
    const restarted = runsById.get(kiosk.id);
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
        // After a restart highest − stored means nothing; the gaps of each run are the truth.
        missing:
          seen?.missing ??
          kioskGaps.reduce((sum, gap) => sum + gap.lastMissing - gap.firstMissing + 1, 0),
        gaps: kioskGaps,
        seqRestarts: restarted ? restarted.runs - 1 : 0,
        seqRestartedAt: restarted?.lastRunStartedAt.toISOString() ?? null,
        silent:
          kiosk.revokedAt === null &&
          silentForAnOpeningDay(seen?.lastSyncAt ?? kiosk.createdAt, now, site),
      },
    ];
  });
}
