import fs from "node:fs";
import path from "node:path";
import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { writeBackup } from "./write-backup.ts";

/**
 * Daily backups from the server itself: a timer in each server process, and a PostgreSQL
 * advisory lock so that of several servers on one database only one writes at a time (the
 * others skip that day's run). There is no job queue yet; when one exists, this becomes a job.
 */

export type BackupSchedule = { dir: string; keep: number; at: { hour: number; minute: number } };

/** Any constant shared by every Borgerpuls server (migrations use 0x426f7267). */
export const backupLockKey = 0x426f7262; // "Borb"
const filePattern = /^borgerpuls-\d{8}-\d{6}\.backup$/;

/** Milliseconds from now until the next hour:minute (server local time), always > 0. */
export function msUntilNext(at: { hour: number; minute: number }, now: Date): number {
  const next = new Date(now);
  next.setHours(at.hour, at.minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

function fileNameFor(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `borgerpuls-${date}-${time}.backup`;
}

/** Deletes the oldest of our backup files beyond keep; other files in dir are left alone. */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = fs
    .readdirSync(dir)
    .filter((name) => filePattern.test(name))
    .sort();
  const doomed = ours.slice(0, Math.max(0, ours.length - keep));
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}

/** One scheduled run: undefined when another server holds the lock (it is backing up). */
export async function runScheduledBackup(
  pool: Pool,
  schedule: BackupSchedule,
  now: Date = new Date(),
): Promise<{ file: string; pruned: string[] } | undefined> {
  const client = await pool.connect();
  try {
    const lock = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock($1) as locked",
      [backupLockKey],
    );
    if (!lock.rows[0]?.locked) return undefined;
    try {
      fs.mkdirSync(schedule.dir, { recursive: true, mode: 0o700 });
      const { file } = await writeBackup(pool, path.join(schedule.dir, fileNameFor(now)));
      return { file, pruned: pruneBackups(schedule.dir, schedule.keep) };
    } finally {
      await client.query("select pg_advisory_unlock($1)", [backupLockKey]);
    }
  } finally {
    client.release();
  }
}

/** Starts the daily timer; the returned function stops it. */
export function startBackupSchedule(
  pool: Pool,
  schedule: BackupSchedule,
  logger: Logger,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(
      () => {
        runScheduledBackup(pool, schedule)
          .then((done) =>
            done
              ? logger.info(done, "scheduled backup written")
              : logger.info("scheduled backup skipped: another server is writing one"),
          )
          .catch((error: unknown) => logger.error({ err: error }, "scheduled backup failed"))
          .finally(arm);
      },
      msUntilNext(schedule.at, new Date()),
    );
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
