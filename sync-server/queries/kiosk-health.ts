import type { Queryable } from "../db.ts";
import type { KioskRef } from "./responses.ts";

/** What one sync request tells about its kiosk (table kiosk_health, migration 0003). */
export type SyncObservation = {
  at: Date;
  appVersion: string | null;
  clockOffsetMs: number | null;
  /** Highest seq among the rows this request inserted (0 when none). */
  highestSeq: number;
  inserted: number;
  accepted: number;
  duplicates: number;
  rejected: number;
};

export type KioskHealth = {
  kioskId: string;
  siteId: string;
  lastSyncAt: Date;
  appVersion: string | null;
  clockOffsetMs: number | null;
  highestSeq: number;
  storedCount: number;
  /** highestSeq − storedCount: responses numbered on the device but not (yet) stored. */
  missing: number;
  lastAccepted: number;
  lastDuplicates: number;
  lastRejected: number;
};

export type SeqGap = { kioskId: string; firstMissing: number; lastMissing: number };

/** Upserts the kiosk's row; counters only grow, so concurrent syncs cannot lose each other's. */
export async function recordSync(
  db: Queryable,
  kiosk: KioskRef,
  seen: SyncObservation,
): Promise<void> {
  await db.query(
    `insert into kiosk_health as h (municipality_id, kiosk_id, site_id, last_sync_at, app_version,
       clock_offset_ms, highest_seq, stored_count, last_accepted, last_duplicates, last_rejected)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (municipality_id, kiosk_id) do update set
       site_id = excluded.site_id,
       last_sync_at = greatest(h.last_sync_at, excluded.last_sync_at),
       app_version = coalesce(excluded.app_version, h.app_version),
       clock_offset_ms = coalesce(excluded.clock_offset_ms, h.clock_offset_ms),
       highest_seq = greatest(h.highest_seq, excluded.highest_seq),
       stored_count = h.stored_count + excluded.stored_count,
       last_accepted = excluded.last_accepted,
       last_duplicates = excluded.last_duplicates,
       last_rejected = excluded.last_rejected`,
    [
      kiosk.municipalityId,
      kiosk.kioskId,
      kiosk.siteId,
      seen.at,
      seen.appVersion,
      seen.clockOffsetMs,
      seen.highestSeq,
      seen.inserted,
      seen.accepted,
      seen.duplicates,
      seen.rejected,
    ],
  );
}

export async function listKioskHealth(
  db: Queryable,
  municipalityId: string,
): Promise<KioskHealth[]> {
  const result = await db.query<KioskHealth>(
    `select kiosk_id as "kioskId", site_id as "siteId", last_sync_at as "lastSyncAt",
            app_version as "appVersion", clock_offset_ms as "clockOffsetMs",
            highest_seq as "highestSeq", stored_count as "storedCount",
            greatest(highest_seq - stored_count, 0) as "missing",
            last_accepted as "lastAccepted", last_duplicates as "lastDuplicates",
            last_rejected as "lastRejected"
     from kiosk_health where municipality_id = $1
     order by site_id, kiosk_id`,
    [municipalityId],
  );
  return result.rows;
}

/**
 * Runs of seq numbers missing below each kiosk's highest stored seq, in one pass over the
 * (municipality_id, kiosk_id, seq) index of the kiosks that have any. A gap can close later (the device was offline); one
 * that persists means answers were lost on the device. kioskIds null means every kiosk.
 */
export async function findSeqGaps(
  db: Queryable,
  municipalityId: string,
  kioskIds: readonly string[] | null = null,
  limit = 1000,
): Promise<SeqGap[]> {
  const result = await db.query<SeqGap>(
    `select kiosk_id as "kioskId", previous + 1 as "firstMissing", seq - 1 as "lastMissing"
     from (
       select kiosk_id, seq, lag(seq, 1, 0) over (partition by kiosk_id order by seq) as previous
       from responses
       where municipality_id = $1 and ($2::uuid[] is null or kiosk_id = any ($2::uuid[]))
         -- Only kiosks whose health shows numbers missing (highest seq above the count stored):
         -- healthy kiosks, nearly all of them, cost nothing however many answers they hold.
         and kiosk_id in (select kiosk_id from kiosk_health
                          where municipality_id = $1 and highest_seq > stored_count)
     ) as ordered
     where seq > previous + 1
     order by kiosk_id, seq
     limit $3`,
    [municipalityId, kioskIds, limit],
  );
  return result.rows;
}
