import fs from "node:fs";
import path from "node:path";
import type { CronMatcher } from "graphile-worker";
import type { Pool } from "../db.ts";
import { localClock } from "../reports/local-time.ts";
import { writeBackup } from "./write-backup.ts";

/**
 * Daily backups as a job on the queue (jobs/tasks.ts): graphile-worker's cron enqueues each tick
 * once across all servers. A job can still run twice (a retry after a crash, a job added by
 * hand, the repeated hour when summer time ends), so the job itself makes "one backup a day"
 * hold: under an advisory lock it writes only when the folder has no backup of that local day.
 */

export type BackupSchedule = { dir: string; keep: number; at: { hour: number; minute: number } };

/** Any constant shared by every Borgerpuls server (migrations use 0x426f7267). */
export const backupLockKey = 0x426f7262; // "Borb"
const filePattern = /^borgerpuls-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.backup$/;

/** The zone BACKUP_AT is read in: the server's own (TZ, else the system's). */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The instant a cron digest stands for (it carries no year: the one nearest to now). */
function instantOfDigest(digest: Parameters<CronMatcher>[0], now: Date): Date {
  const year = now.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) =>
    Date.UTC(y, digest.month - 1, digest.date, digest.hour, digest.min),
  );
  const nearest = candidates.reduce((best, ms) =>
    Math.abs(ms - now.getTime()) < Math.abs(best - now.getTime()) ? ms : best,
  );
  return new Date(nearest);
}

/**
 * graphile-worker's cron ticks are UTC minutes, BACKUP_AT is local time: match the first minute
 * of each local day at or after it. On the spring day that has no 02:30 the backup then runs at
 * 03:00; in autumn the repeated hour matches twice and the day check keeps it to one backup.
 */
export function backupMatcher(
  at: { hour: number; minute: number },
  timeZone: string,
  now: () => Date = () => new Date(),
): CronMatcher {
  const target = at.hour * 60 + at.minute;
  return (digest) => {
    const tick = instantOfDigest(digest, now());
    const here = localClock(tick, timeZone);
    const before = localClock(new Date(tick.getTime() - 60_000), timeZone);
    return here.minute >= target && (before.date !== here.date || before.minute < target);
  };
}

/** borgerpuls-YYYYMMDD-HHMMSS.backup, in UTC (sorts by time whatever the zone). */
export function backupFileName(at: Date): string {
  return `borgerpuls-${at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}.backup`;
}

function instantOfName(name: string): Date | undefined {
  const m = filePattern.exec(name);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

/** Our backup files in dir, oldest first; other files are not ours and stay untouched. */
function ourBackups(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => filePattern.test(name))
    .sort();
}

/** Deletes the oldest of our backup files beyond keep. */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = ourBackups(dir);
  const doomed = ours.slice(0, Math.max(0, ours.length - keep));
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}

export type ScheduledOutcome =
  | { written: string; pruned: string[] }
  | { skipped: "another server is writing one" | "this day's backup exists"; file?: string };

/**
 * One scheduled run for the instant `tick` (the cron tick): writes dir/borgerpuls-….backup unless
 * that local day already has one. A crash mid-write leaves only file.partial (writeBackup
 * renames at the end), which is not ours, so the retry writes the day's backup.
 */
export async function runScheduledBackup(
  pool: Pool,
  schedule: BackupSchedule,
  tick: Date,
  timeZone: string = serverTimeZone(),
): Promise<ScheduledOutcome> {
  const client = await pool.connect();
  try {
    const lock = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock($1) as locked",
      [backupLockKey],
    );
    if (!lock.rows[0]?.locked) return { skipped: "another server is writing one" };
    try {
      fs.mkdirSync(schedule.dir, { recursive: true, mode: 0o700 });
      const day = localClock(tick, timeZone).date;
      const existing = ourBackups(schedule.dir).find((name) => {
        const at = instantOfName(name);
        return at !== undefined && localClock(at, timeZone).date === day;
      });
      if (existing) return { skipped: "this day's backup exists", file: existing };
      const { file } = await writeBackup(pool, path.join(schedule.dir, backupFileName(tick)));
      return { written: file, pruned: pruneBackups(schedule.dir, schedule.keep) };
    } finally {
      await client.query("select pg_advisory_unlock($1)", [backupLockKey]);
    }
  } finally {
    client.release();
  }
}
