import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backupLockKey,
  msUntilNext,
  runScheduledBackup,
} from "../../sync-server/backup/backup-schedule.ts";
import { loadConfig } from "../../sync-server/config.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let db: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-schedule-"));

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
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

  it("run next at the given time of day: later today, else tomorrow", () => {
    const at = { hour: 2, minute: 30 };
    const hour = 60 * 60 * 1000;
    expect(msUntilNext(at, new Date(2026, 10, 20, 1, 0))).toBe(1.5 * hour);
    expect(msUntilNext(at, new Date(2026, 10, 20, 3, 0))).toBe(23.5 * hour);
    expect(msUntilNext(at, new Date(2026, 10, 20, 2, 30))).toBe(24 * hour);
  });

  it("skip while another server holds the backup lock, then write one and keep only the newest N", async () => {
    const older = ["borgerpuls-20260101-023000.backup", "borgerpuls-20260102-023000.backup"];
    for (const name of older) fs.writeFileSync(path.join(dir, name), "old");
    fs.writeFileSync(path.join(dir, "notes.txt"), "not ours");
    const schedule = { dir, keep: 2, at: { hour: 2, minute: 30 } };

    const other = new pg.Client({ connectionString: db.url });
    other.on("error", () => {});
    await other.connect();
    await other.query("select pg_advisory_lock($1)", [backupLockKey]);
    expect(
      await runScheduledBackup(db.pool, schedule, new Date("2026-11-20T02:30:00Z")),
    ).toBeUndefined();
    await other.query("select pg_advisory_unlock($1)", [backupLockKey]);
    await other.end();

    const done = await runScheduledBackup(db.pool, schedule, new Date("2026-11-20T02:30:00Z"));
    expect(done?.file).toBe(path.join(dir, "borgerpuls-20261120-023000.backup"));
    expect(done?.pruned).toEqual(["borgerpuls-20260101-023000.backup"]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "borgerpuls-20260102-023000.backup",
      "borgerpuls-20261120-023000.backup",
      "notes.txt",
    ]);
  });
});
