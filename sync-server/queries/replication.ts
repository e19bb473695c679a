import type { Queryable } from "../db.ts";

/** What a standby says of itself: still replaying, how far, and the last replayed commit's age. */
export type ReplayState = {
  inRecovery: boolean;
  /** pg_last_wal_replay_lsn(); null on a server that is not a standby. */
  replayLsn: string | null;
  /** Seconds since the last replayed transaction committed on the primary; null if none yet. */
  sinceReplaySeconds: number | null;
};

export async function readReplayState(db: Queryable): Promise<ReplayState> {
  const result = await db.query<ReplayState>(
    `select pg_is_in_recovery() as "inRecovery",
            pg_last_wal_replay_lsn()::text as "replayLsn",
            extract(epoch from now() - pg_last_xact_replay_timestamp())::float8
              as "sinceReplaySeconds"`,
  );
  const row = result.rows[0];
  if (!row) throw new Error("the replay state query returned no row");
  return row;
}

/** On the primary: bytes of WAL written that a standby at `replayLsn` has not replayed yet. */
export async function walBytesBehind(db: Queryable, replayLsn: string): Promise<number> {
  const result = await db.query<{ behind: number }>(
    `select greatest(pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn), 0)::float8 as behind`,
    [replayLsn],
  );
  return result.rows[0]?.behind ?? 0;
}
