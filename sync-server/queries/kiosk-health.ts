import type { Queryable } from "../db.ts";
import type { KioskRef } from "./responses.ts";

/** What one sync request tells about its kiosk (table kiosk_health, migration 0003). */
export type SyncObservation = {
  at: Date;
  appVersion: string | null;
  clockOffsetMs: number | null;
  /** The kiosk's own report (docs/api.md "device"); undefined keeps the last one. */
  device?: DeviceObservation | undefined;
  /** Highest seq among the rows this request inserted (0 when none). */
  highestSeq: number;
  /** The rows this request inserted, for spotting a seq that restarted. */
  insertedRows: readonly { id: string; seq: number }[];
  inserted: number;
  accepted: number;
  duplicates: number;
  rejected: number;
};

/** Outbox and storage as the kiosk reported them, its oldest pending answer in server time. */
export type DeviceObservation = {
  outboxSize: number;
  oldestPendingAt: Date | null;
  storagePersisted: boolean | null;
};

export type KioskHealth = {
  kioskId: string;
  siteId: string;
  lastSyncAt: Date;
  appVersion: string | null;
  clockOffsetMs: number | null;
  highestSeq: number;
  storedCount: number;
  /**
   * highestSeq − storedCount: responses numbered on the device but not (yet) stored. Null once
   * the kiosk's seq restarted: then only its gaps per run (findSeqGaps) say what is missing.
   */
  missing: number | null;
  /** Last sync that showed the kiosk counting from 1 again (wiped or replaced); null: never. */
  seqRestartSeenAt: Date | null;
  lastAccepted: number;
  lastDuplicates: number;
  lastRejected: number;
  /** Last device report; all null when the kiosk never sent one (an older kiosk). */
  outboxSize: number | null;
  oldestPendingAt: Date | null;
  storagePersisted: boolean | null;
};

/** run: 1 for the kiosk's first run of seq numbers, 2 after its first restart, … */
export type SeqGap = { kioskId: string; run: number; firstMissing: number; lastMissing: number };

/** A kiosk whose seq restarted: how many runs, and when (by its device's clock) the last began. */
export type SeqRuns = { kioskId: string; runs: number; lastRunStartedAt: Date };

/**
 * Upserts the kiosk's row; counters only grow, so concurrent syncs cannot lose each other's.
 * A restart shows as a second seq 1 under a new id: a device counts from 1 once, and a wiped
 * or replaced one from 1 again. (Not "a seq at or below the highest": late answers filling a
 * gap look like that, and so do rows from a tablet whose clock was set back.) The kiosk's first
 * seq 1 is kept in its row (first_seq_one_id, migration 0021), so spotting another never reads
 * responses: a lookup there by kiosk is planned over every partition.
 */
export async function recordSync(
  db: Queryable,
  kiosk: KioskRef,
  seen: SyncObservation,
): Promise<void> {
  await db.query(
    `with starts as (
       select t.id from unnest($12::uuid[], $13::int[]) as t(id, seq) where t.seq = 1
     ), first_start as (
       select id from starts order by id limit 1
     )
     insert into kiosk_health as h (municipality_id, kiosk_id, site_id, last_sync_at, app_version,
       clock_offset_ms, highest_seq, stored_count, last_accepted, last_duplicates, last_rejected,
       seq_restart_seen_at, outbox_size, oldest_pending_at, storage_persisted, first_seq_one_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
             case when (select count(*) from starts) > 1 then $4::timestamptz end,
             $14::int, $15::timestamptz, $16::boolean, (select id from first_start))
     on conflict (municipality_id, kiosk_id) do update set
       site_id = excluded.site_id,
       last_sync_at = greatest(h.last_sync_at, excluded.last_sync_at),
       app_version = coalesce(excluded.app_version, h.app_version),
       clock_offset_ms = coalesce(excluded.clock_offset_ms, h.clock_offset_ms),
       highest_seq = greatest(h.highest_seq, excluded.highest_seq),
       stored_count = h.stored_count + excluded.stored_count,
       last_accepted = excluded.last_accepted,
       last_duplicates = excluded.last_duplicates,
       last_rejected = excluded.last_rejected,
       first_seq_one_id = coalesce(h.first_seq_one_id, excluded.first_seq_one_id),
       seq_restart_seen_at = case
         when exists (select 1 from starts s
                      where s.id <> coalesce(h.first_seq_one_id, excluded.first_seq_one_id))
           then excluded.last_sync_at
         else h.seq_restart_seen_at end,
       -- A request with a device report replaces the last one; one without keeps it.
       outbox_size = case when $17::boolean then excluded.outbox_size else h.outbox_size end,
       oldest_pending_at = case when $17::boolean then excluded.oldest_pending_at
                                else h.oldest_pending_at end,
       storage_persisted = case when $17::boolean then excluded.storage_persisted
                                else h.storage_persisted end`,
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
      seen.insertedRows.map((row) => row.id),
      seen.insertedRows.map((row) => row.seq),
      seen.device?.outboxSize ?? null,
      seen.device?.oldestPendingAt ?? null,
      seen.device?.storagePersisted ?? null,
      seen.device !== undefined,
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
            case when seq_restart_seen_at is null then greatest(highest_seq - stored_count, 0)
            end as "missing", seq_restart_seen_at as "seqRestartSeenAt",
            last_accepted as "lastAccepted", last_duplicates as "lastDuplicates",
            last_rejected as "lastRejected", outbox_size as "outboxSize",
            oldest_pending_at as "oldestPendingAt", storage_persisted as "storagePersisted"
     from kiosk_health where municipality_id = $1
     order by site_id, kiosk_id`,
    [municipalityId],
  );
  return result.rows;
}

/**
 * The kiosks (of kioskIds, or all when null) whose health shows numbers missing or a restart:
 * the only ones whose rows findSeqGaps and findSeqRuns read. A statement of its own, on
 * kiosk_health alone, so that a healthy kiosk's sync never plans a statement over responses:
 * planning one costs PostgreSQL ~50 ms of CPU with 10 years of monthly partitions (145), even
 * when it reads no row, and every sync reply asks for its kiosk's gaps.
 */
async function kiosksWithSeqTrouble(
  db: Queryable,
  municipalityId: string,
  kioskIds: readonly string[] | null,
): Promise<string[]> {
  const result = await db.query<{ kioskId: string }>(
    `select kiosk_id as "kioskId" from kiosk_health
     where municipality_id = $1 and ($2::uuid[] is null or kiosk_id = any ($2::uuid[]))
       and (highest_seq > stored_count or seq_restart_seen_at is not null)`,
    [municipalityId, kioskIds],
  );
  return result.rows.map((row) => row.kioskId);
}

/**
 * The kiosks' rows in id (= creation) order, split into runs at each seq 1: every restart of
 * the device's counter begins a run there (a row before the first seq 1 counts to run 1). $2 is
 * the kiosks kiosksWithSeqTrouble found: healthy kiosks, nearly all, cost nothing however many
 * answers they hold.
 */
const runsOfSeq = `
  select kiosk_id, id, seq,
         greatest(1, count(*) filter (where seq = 1) over (partition by kiosk_id order by id)) as run
  from responses
  where municipality_id = $1 and kiosk_id = any ($2::uuid[])`;

/**
 * Runs of seq numbers missing within each run of a kiosk's seq. A gap can close later (the
 * device was offline); one that persists means answers were lost on the device.
 */
export async function findSeqGaps(
  db: Queryable,
  municipalityId: string,
  kioskIds: readonly string[] | null = null,
  limit = 1000,
): Promise<SeqGap[]> {
  const troubled = await kiosksWithSeqTrouble(db, municipalityId, kioskIds);
  if (troubled.length === 0) return [];
  const result = await db.query<SeqGap>(
    `select kiosk_id as "kioskId", run::int as "run", previous + 1 as "firstMissing",
            seq - 1 as "lastMissing"
     from (
       select kiosk_id, run, seq,
              lag(seq, 1, 0) over (partition by kiosk_id, run order by seq) as previous
       from (${runsOfSeq}) as runs
     ) as ordered
     where seq > previous + 1
     order by kiosk_id, run, seq
     limit $3`,
    [municipalityId, troubled, limit],
  );
  return result.rows;
}

/** Kiosks whose seq restarted at least once, with their number of runs. */
export async function findSeqRuns(
  db: Queryable,
  municipalityId: string,
  kioskIds: readonly string[] | null = null,
): Promise<SeqRuns[]> {
  const troubled = await kiosksWithSeqTrouble(db, municipalityId, kioskIds);
  if (troubled.length === 0) return [];
  // A UUIDv7's first 48 bits are its creation time in ms.
  const result = await db.query<SeqRuns>(
    `select kiosk_id as "kioskId", runs::int as "runs",
            to_timestamp(('x' || substr(replace(min(id::text), '-', ''), 1, 12))::bit(48)::bigint
                         / 1000.0) as "lastRunStartedAt"
     from (select kiosk_id, id, run, max(run) over (partition by kiosk_id) as runs
           from (${runsOfSeq}) as runs) as numbered
     where run = runs and runs > 1
     group by kiosk_id, runs
     order by kiosk_id`,
    [municipalityId, troubled],
  );
  return result.rows;
}
