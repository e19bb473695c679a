import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newId } from "../../shared/ids.ts";
import { readBackup } from "../../sync-server/backup/read-backup.ts";
import { restoreBackup } from "../../sync-server/backup/restore-backup.ts";
import { writeBackup } from "../../sync-server/backup/write-backup.ts";
import { createPool } from "../../sync-server/db.ts";
import { rekeyFingerprints } from "../../sync-server/ingest/rekey-fingerprints.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { listMigrations, migrate } from "../../sync-server/migrate.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { releasedUndeclared } from "../helpers/migration-scans.ts";
import { withDatabase } from "../helpers/postgres-global-setup.ts";
import { openBenchDatabase } from "./bench-postgres.ts";
import { fillUpgradeBench } from "./report-data.ts";

/**
 * An upgrade at BENCH_RESPONSES (default 10 million) responses: a database built with the
 * previous release's migrations (tests/fixtures/previous-release), filled, then migrated to
 * this release — each pending migration timed, and those that declare `-- rewrites:` named.
 * Then the fingerprint re-key the first start runs after 0011 (every row stored before it gets
 * its keyed content_hash: an UPDATE of all 10 M rows, in chunks while the server serves).
 * Then a backup and a restore of the upgraded database, timed (rows per second).
 * Targets: the upgrade within 5 minutes of downtime; backup and restore ≥ 50,000 rows/s.
 * Prints numbers only; nothing here asserts a time.
 */
const total = Number(process.env.BENCH_RESPONSES ?? 10_000_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createLogger("warn");
const previous = fileURLToPath(
  new URL("../fixtures/previous-release/migrations/", import.meta.url),
);
const seconds = (started: number) => (performance.now() - started) / 1000;

const db = await openBenchDatabase({ dir: previous });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-bench-backup-"));
try {
  const municipalityId = newId();
  // As that release stored them: unkeyed (0011 adds content_key; the re-key below keys them).
  await fillUpgradeBench(db.pool, { municipalityId, total, previousRelease: previous });
  say(`${total.toLocaleString("en")} responses on the previous release's schema`);

  const previousVersion = fs.readdirSync(previous).length;
  for (const migration of listMigrations().filter((m) => m.version > previousVersion)) {
    const firstLine = fs.readFileSync(migration.file, "utf8").split("\n")[0] ?? "";
    const released = releasedUndeclared[path.basename(migration.file)];
    const rewrites = /^-- rewrites:/.test(firstLine)
      ? ` (${firstLine.slice(3)})`
      : released
        ? ` (slow, released undeclared: ${released})`
        : "";
    const started = performance.now();
    await migrate(db.pool, logger, undefined, { upTo: migration.version });
    say(
      `  migration ${path.basename(migration.file)}${rewrites}: ${seconds(started).toFixed(2)} s`,
    );
  }

  let started = performance.now();
  const keyed = await rekeyFingerprints(db.pool, testFingerprintKeys);
  say(
    `re-key   ${keyed.toLocaleString("en")} fingerprints after the upgrade (at start, in the background): ${seconds(started).toFixed(1)} s`,
  );

  const file = path.join(work, "bench.backup");
  started = performance.now();
  const backup = await writeBackup(db.pool, file);
  const backupSeconds = seconds(started);
  say(
    `backup   ${backup.totalRows.toLocaleString("en")} rows, ${(backup.bytes / 1e6).toFixed(0)} MB in ${backupSeconds.toFixed(1)} s = ${Math.round(backup.totalRows / backupSeconds).toLocaleString("en")} rows/s (target ≥ 50,000)`,
  );
  started = performance.now();
  let fileRows = 0;
  for await (const event of readBackup(file))
    if (event.kind === "end-table") fileRows += event.rows;
  say(
    `  reading the file alone (gunzip, rows, checksums): ${fileRows.toLocaleString("en")} rows in ${seconds(started).toFixed(1)} s`,
  );
  await db.pool.query("create database bench_restore");
  const target = createPool(withDatabase(db.url, "bench_restore"), 2);
  started = performance.now();
  let verifyStarted = 0;
  const restored = await restoreBackup(target, file, logger, (progress) => {
    if (progress.phase === "verify" && verifyStarted === 0) verifyStarted = performance.now();
  });
  const restoreSeconds = seconds(started);
  const verifySeconds = seconds(verifyStarted);
  say(
    `restore  ${restored.totalRows.toLocaleString("en")} rows in ${restoreSeconds.toFixed(1)} s = ${Math.round(restored.totalRows / restoreSeconds).toLocaleString("en")} rows/s (target ≥ 50,000); of it reading back to verify ${verifySeconds.toFixed(1)} s`,
  );
  await target.end();
} finally {
  await db.close();
  fs.rmSync(work, { recursive: true, force: true });
}
