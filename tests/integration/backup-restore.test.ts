import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors.ts";
import { restoreBackup } from "../../sync-server/backup/restore-backup.ts";
import { writeBackup } from "../../sync-server/backup/write-backup.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { ensureResponsePartitionsBetween } from "../../sync-server/queries/partitions.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import { insertBulkResponses } from "../helpers/bulk-responses.ts";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";

const logger = createLogger("silent");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-backup-"));
const file = path.join(dir, "source.backup");
const databases: TestDatabase[] = [];
let source: TestDatabase;

async function emptyTarget(): Promise<TestDatabase> {
  const db = await createEmptyDatabase();
  databases.push(db);
  return db;
}

async function restoreError(target: TestDatabase, from: string): Promise<AppError> {
  const error = await restoreBackup(target.pool, from, logger).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function responseCount(db: TestDatabase): Promise<number> {
  const exists = await db.pool.query("select to_regclass('responses') is not null as present");
  if (!exists.rows[0].present) return 0;
  return (await db.pool.query("select count(*)::int as n from responses")).rows[0].n;
}

beforeAll(async () => {
  source = await createTestDatabase();
  databases.push(source);
  const fixture = await twoSiteFixture(source.pool);
  const kiosk = {
    municipalityId: fixture.municipalityId,
    siteId: fixture.siteA.siteId,
    kioskId: fixture.kioskA.kioskId,
  };
  await insertBulkResponses(source.pool, kiosk, 3000, { lastDate: "2026-06-30", days: 120 });
  // An old month outside the partitions a new database prepares (36 months back).
  await ensureResponsePartitionsBetween(source.pool, "2019-03-01", "2019-03-01");
  await insertBulkResponses(source.pool, kiosk, 40, {
    lastDate: "2019-03-20",
    days: 10,
    firstSeq: 5000,
  });
  await rebuildRollups(source.pool);
  await writeBackup(source.pool, file);
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("restore", () => {
  it("recreates the responses partitions, rows land in them, figures equal the source's", async () => {
    const target = await emptyTarget();
    const progress: string[] = [];
    const result = await restoreBackup(target.pool, file, logger, (p) =>
      progress.push(`${p.phase} ${p.table}`),
    );
    expect(result.tables.find((t) => t.name === "responses")?.rows).toBe(3040);
    const old = await target.pool.query("select count(*)::int as n from responses_p201903");
    expect(old.rows[0].n).toBe(40);
    const inDefault = await target.pool.query("select count(*)::int as n from responses_other");
    expect(inDefault.rows[0].n).toBe(0);
    expect(await rollupMismatches(target.pool)).toEqual([]);
    const figures = (db: TestDatabase) =>
      db.pool.query(
        "select local_date::text, guidance, count(*)::int from responses group by 1, 2 order by 1, 2",
      );
    expect((await figures(target)).rows).toEqual((await figures(source)).rows);
    expect(progress).toContain("load responses");
    expect(progress).toContain("verify responses");
  });

  it("refuses a database that already holds data, and leaves it as it was", async () => {
    const error = await restoreError(source, file);
    expect(error.code).toBe("restore_target_not_empty");
    expect(await responseCount(source)).toBe(3040);
  });

  it("refuses a file whose rows were changed, keeping nothing", async () => {
    const text = gunzipSync(fs.readFileSync(file)).toString("utf8");
    // One answer changed inside a row: the manifest's checksum no longer vouches for it.
    const tampered = text.replace("\tvery_good\t", "\tpoor\t");
    expect(tampered).not.toBe(text);
    const changed = path.join(dir, "changed.backup");
    fs.writeFileSync(changed, gzipSync(tampered));
    const target = await emptyTarget();
    expect((await restoreError(target, changed)).code).toBe("restore_verification_failed");
    expect(await responseCount(target)).toBe(0);
  });

  it("refuses a file cut short, or not a backup at all, with a sentence", async () => {
    const whole = fs.readFileSync(file);
    const cut = path.join(dir, "cut.backup");
    fs.writeFileSync(cut, gzipSync(gunzipSync(whole).subarray(0, 20_000)));
    const target = await emptyTarget();
    const short = await restoreError(target, cut);
    expect(short.code).toBe("backup_unreadable");
    expect(short.message).toMatch(/incomplete/);
    expect(await responseCount(target)).toBe(0);

    const notBackup = path.join(dir, "notes.txt");
    fs.writeFileSync(notBackup, "hello\n");
    expect((await restoreError(target, notBackup)).code).toBe("backup_unreadable");
  });

  it("a backup leaves no file behind when it fails", async () => {
    const target = await emptyTarget();
    const nothing = path.join(dir, "nothing.backup");
    await expect(writeBackup(target.pool, nothing)).rejects.toThrow(/no Borgerpuls schema/);
    expect(fs.existsSync(nothing)).toBe(false);
    expect(fs.existsSync(`${nothing}.partial`)).toBe(false);
  });
});
