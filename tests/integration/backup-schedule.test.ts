import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BackupSchedule,
  backupFileName,
  backupLockKey,
  runScheduledBackup,
  serverTimeZone,
} from "../../sync-server/backup/backup-schedule.ts";
import { loadConfig } from "../../sync-server/config.ts";
import { jobNames } from "../../sync-server/jobs/job-context.ts";
import { type JobRunner, startJobs } from "../../sync-server/jobs/start-jobs.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { localClock } from "../../sync-server/reports/local-time.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { knownCronSince, queuedJobs, queueUtils, until } from "../helpers/job-queue.ts";

let db: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-schedule-"));
const zone = serverTimeZone();
const minute = 60_000;
// BACKUP_AT three minutes ago (local time): the workers below start after that day's tick.
const tickAt = new Date(Math.floor(Date.now() / minute) * minute - 3 * minute);
const local = localClock(tickAt, zone).minute;
const schedule: BackupSchedule = {
  dir,
  keep: 2,
  at: { hour: Math.floor(local / 60), minute: local % 60 },
};
let servers: JobRunner[] = [];

const ours = () =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".backup"))
    .sort();

/** The backup jobs are done: none left in the queue (a failed one stays, with its error). */
async function backupJobsDone() {
  return until(async () => {
    const jobs = (await queuedJobs(db.pool)).filter((job) => job.task === jobNames.backup);
    const failed = jobs.find((job) => job.last_error);
    if (failed) throw new Error(`backup job failed: ${failed.last_error}`);
    return jobs.length === 0;
  });
}

async function addBackupJob(at: Date) {
  const utils = await queueUtils(db.pool);
  try {
    await utils.addJob(jobNames.backup, { at: at.toISOString() });
  } finally {
    await utils.release();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("scheduled daily backups", () => {
  it("are configured by BACKUP_DIR, BACKUP_KEEP and BACKUP_AT, and off without BACKUP_DIR", () => {
    expect(loadConfig({}).backupSchedule).toBeUndefined();
    expect(
      loadConfig({ BACKUP_DIR: dir, BACKUP_KEEP: "3", BACKUP_AT: "04:15" }).backupSchedule,
    ).toEqual({
      dir,
      keep: 3,
      at: { hour: 4, minute: 15 },
    });
    expect(() => loadConfig({ BACKUP_DIR: dir, BACKUP_AT: "25:00" })).toThrow(/BACKUP_AT/);
  });

  it("run as a cron job on the queue: two servers' workers write one backup for the day", async () => {
    // Both servers were down at BACKUP_AT; starting at once, each back-fills the missed tick,
    // and graphile-worker's cron enqueues it once.
    await knownCronSince(db.pool, jobNames.backup, new Date(Date.now() - 2 * 86_400_000));
    const logger = createLogger("silent");
    const ctx = {
      pool: db.pool,
      logger,
      mail: undefined,
      webhookSecret: undefined,
      publicUrl: "http://localhost",
      digestHour: 7,
      backup: schedule,
    };
    servers = await Promise.all([startJobs(db.url, 2, ctx), startJobs(db.url, 2, ctx)]);
    await until(async () => ours().length > 0);
    await backupJobsDone();
    expect(ours()).toEqual([backupFileName(tickAt)]);
  });

  it("write no second backup that day when the job is retried or doubled", async () => {
    const later = new Date(tickAt.getTime() + minute);
    // Doubled: two at once (the second finds the first holding the lock).
    await Promise.all([addBackupJob(tickAt), addBackupJob(tickAt)]);
    await backupJobsDone();
    // Retried later the same day (its first attempt wrote the file, then was not marked done).
    await addBackupJob(later);
    await backupJobsDone();
    expect(ours()).toEqual([backupFileName(tickAt)]);
  });

  it("keep only the newest BACKUP_KEEP of their own files, leaving others alone", async () => {
    const older = ["borgerpuls-20260101-023000.backup", "borgerpuls-20260102-023000.backup"];
    for (const name of older) fs.writeFileSync(path.join(dir, name), "old");
    fs.writeFileSync(path.join(dir, "notes.txt"), "not ours");
    const nextDay = new Date(tickAt.getTime() + 86_400_000);
    await addBackupJob(nextDay);
    await backupJobsDone();
    expect(fs.readdirSync(dir).sort()).toEqual(
      [backupFileName(tickAt), backupFileName(nextDay), "notes.txt"].sort(),
    );
  });

  it("skip while another server holds the backup lock", async () => {
    const other = new pg.Client({ connectionString: db.url });
    other.on("error", () => {});
    await other.connect();
    try {
      await other.query("select pg_advisory_lock($1)", [backupLockKey]);
      const inTwoDays = new Date(tickAt.getTime() + 2 * 86_400_000);
      expect(await runScheduledBackup(db.pool, schedule, inTwoDays)).toEqual({
        skipped: "another server is writing one",
      });
    } finally {
      await other.end();
    }
  });
});
