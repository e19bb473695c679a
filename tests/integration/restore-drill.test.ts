import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { clusterDirOf, runningClusterPort } from "../../sync-server/embedded-db.ts";
import { findSeqGaps } from "../../sync-server/queries/kiosk-health.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import { insertBulkResponses } from "../helpers/bulk-responses.ts";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";
import { runScript } from "../helpers/run-script.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";

/**
 * The restore drill (issue 15): kiosks sync while the backup runs; the backup is restored into
 * a fresh DATA_DIR (a new embedded cluster); every answer acknowledged before the snapshot is
 * there exactly once, the rollups equal the raw rows, and the kiosks carry on against it.
 */
let source: TestDatabase;
let fixture: Awaited<ReturnType<typeof twoSiteFixture>>;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-drill-"));
fs.chmodSync(work, 0o755);
const backupFile = path.join(work, "borgerpuls.backup");
const freshDataDir = path.join(work, "fresh-data");
const servers: ServerProcess[] = [];
const databases: TestDatabase[] = [];
let restored: Pool | undefined;

/** The simulated kiosk keeps what it sent, as the real one keeps synced answers for 30 days. */
type Kiosk = {
  token: string;
  nextSeq: number;
  kept: Map<number, ReturnType<typeof samplePayload>>;
};
type Ack = { id: string; seq: number; token: string; ackedAt: number; batch: number };

beforeAll(async () => {
  source = await createTestDatabase();
  fixture = await twoSiteFixture(source.pool);
  // Volume, so that the backup takes long enough for syncs to land during it.
  const kioskB = {
    municipalityId: fixture.municipalityId,
    siteId: fixture.siteB.siteId,
    kioskId: fixture.kioskB.kioskId,
  };
  await insertBulkResponses(source.pool, kioskB, 60_000, { firstSeq: 1 });
  await rebuildRollups(source.pool);
});

afterAll(async () => {
  for (const server of servers) server.child.kill("SIGKILL");
  await restored?.end();
  await source.drop();
  for (const db of databases) await db.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A kiosk's sync loop: batches of 3 answers until stop(), recording each acknowledgement. */
function syncLoop(baseUrl: string, kiosk: Kiosk, acks: Ack[]) {
  let running = true;
  let batch = 0;
  const done = (async () => {
    while (running) {
      const responses = [0, 1, 2].map(() => samplePayload(kiosk.nextSeq++));
      for (const response of responses) kiosk.kept.set(response.seq, response);
      batch += 1;
      const reply = await postSync(baseUrl, kiosk.token, syncBody(responses));
      const ackedAt = Date.now();
      if (reply.status !== 200) throw new Error(`sync answered ${reply.status}`);
      for (const id of reply.body.accepted as string[]) {
        const seq = responses.find((r) => r.id === id)?.seq ?? 0;
        acks.push({ id, seq, token: kiosk.token, ackedAt, batch });
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}

function readManifest(file: string): { snapshotAt: string; totalRows: number } {
  const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").trimEnd().split("\n");
  const header = JSON.parse((lines[0] ?? "").replace(/^BORGERPULS-BACKUP /, ""));
  const manifest = JSON.parse((lines.at(-1) ?? "").replace(/^MANIFEST /, ""));
  return { snapshotAt: header.snapshotAt, totalRows: manifest.totalRows };
}

// Whole processes (servers, CLIs, clusters) on a shared machine: a hang guard, not a speed target.
const slowProcessesMs = 300_000;

describe("restore drill", { timeout: slowProcessesMs }, () => {
  const acks: Ack[] = [];
  const kiosks: Kiosk[] = [];
  let snapshotAt = 0;

  it("backs up while two kiosks sync", async () => {
    const server = await startServerProcess({ DATABASE_URL: source.url, DATA_DIR: work });
    servers.push(server);
    kiosks.push(
      { token: fixture.kioskA.token, nextSeq: 1, kept: new Map() },
      { token: fixture.kioskB.token, nextSeq: 60_001, kept: new Map() },
    );
    const loops = kiosks.map((kiosk) => syncLoop(server.baseUrl, kiosk, acks));
    // Let answers flow before the backup starts, and keep them flowing until after it ends.
    while (acks.length < 30) await new Promise((resolve) => setTimeout(resolve, 20));
    const backup = await runScript("sync-server/bin/admin.ts", ["backup", backupFile], {
      env: { DATABASE_URL: source.url, DATA_DIR: work },
    });
    const acksAtBackupEnd = acks.length;
    while (acks.length < acksAtBackupEnd + 30)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(loops.map((loop) => loop.stop()));
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup: done/);
    // Progress: rows so far, table by table.
    expect(backup.stderr).toMatch(/backup {2}responses: 50000 rows/);
    snapshotAt = Date.parse(readManifest(backupFile).snapshotAt);
    expect(acks.some((ack) => ack.ackedAt < snapshotAt)).toBe(true);
    expect(acks.some((ack) => ack.ackedAt > snapshotAt)).toBe(true);
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  it("restores into a fresh DATA_DIR with verification, and refuses a second restore there", async () => {
    const env = { DATABASE_URL: "", DATA_DIR: freshDataDir };
    const restore = await runScript("sync-server/bin/admin.ts", ["restore", backupFile, "--json"], {
      env,
    });
    expect(restore.code, restore.stderr).toBe(0);
    const result = JSON.parse(restore.stdout);
    expect(result.totalRows).toBe(readManifest(backupFile).totalRows);
    expect(result.tables.responses).toBeGreaterThan(60_000);
    expect(restore.stderr).toMatch(/restore verified responses: \d+ rows/);
    expect(fs.existsSync(path.join(clusterDirOf(freshDataDir), "PG_VERSION"))).toBe(true);

    const again = await runScript("sync-server/bin/admin.ts", ["restore", backupFile], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds data \(table \w+ has rows\)/);
    // A backup holds no fingerprint keys (README, Backup and restore): the operator brings the
    // key file along, or the restored server refuses to start.
    fs.copyFileSync(
      path.join(work, "fingerprint-keys"),
      path.join(freshDataDir, "fingerprint-keys"),
    );
  });

  it("has every answer acknowledged before the snapshot exactly once, whole batches, rollups equal to raw rows", async () => {
    const server = await startServerProcess({ DATABASE_URL: "", DATA_DIR: freshDataDir });
    servers.push(server);
    // Read the restored cluster directly: its credentials and the port the server runs it on.
    const credentials = JSON.parse(
      fs.readFileSync(path.join(freshDataDir, "postgres.json"), "utf8"),
    );
    const port = runningClusterPort(freshDataDir);
    restored = createPool(
      `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/borgerpuls`,
      2,
    );
    const ids = acks.map((ack) => ack.id);
    const present = new Map(
      (
        await restored.query<{ id: string; n: number }>(
          "select id::text, count(*)::int as n from responses where id = any($1::uuid[]) group by id",
          [ids],
        )
      ).rows.map((row) => [row.id, row.n]),
    );
    for (const ack of acks.filter((a) => a.ackedAt < snapshotAt))
      expect(present.get(ack.id)).toBe(1);
    // A batch is one transaction: the snapshot holds all of it or none.
    const batches = new Map<string, Ack[]>();
    for (const ack of acks) {
      const key = `${ack.token}:${ack.batch}`;
      batches.set(key, [...(batches.get(key) ?? []), ack]);
    }
    for (const batch of batches.values()) {
      expect([0, batch.length]).toContain(batch.filter((ack) => present.has(ack.id)).length);
    }
    expect(await rollupMismatches(restored)).toEqual([]);
    const original = await source.pool.query(
      "select count(*)::int as n from responses where id::text <> all($1::text[])",
      [ids],
    );
    const copied = await restored.query(
      "select count(*)::int as n from responses where id::text <> all($1::text[])",
      [ids],
    );
    expect(copied.rows[0].n).toBe(original.rows[0].n);

    // The kiosks carry on: later answers arrive, and the reply names the seq numbers the
    // restore lost (acknowledged after the snapshot); the kiosks send those again.
    const lost = acks.filter((ack) => !present.has(ack.id));
    expect(lost.length).toBeGreaterThan(0);
    for (const kiosk of kiosks) {
      const later = [samplePayload(kiosk.nextSeq++), samplePayload(kiosk.nextSeq++)];
      const reply = await postSync(server.baseUrl, kiosk.token, syncBody(later));
      expect(reply.status).toBe(200);
      expect(reply.body.accepted).toEqual(later.map((r) => r.id));
      const ranges = (reply.body.missingSeqs ?? []) as { from: number; to: number }[];
      const named = ranges.flatMap((range) =>
        Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i),
      );
      const lostHere = lost.filter((ack) => ack.token === kiosk.token).map((ack) => ack.seq);
      expect(named.sort((a, b) => a - b)).toEqual(lostHere.sort((a, b) => a - b));
      const again = named.flatMap((seq) => kiosk.kept.get(seq) ?? []);
      const resent = await postSync(server.baseUrl, kiosk.token, syncBody(again));
      expect(resent.body.accepted).toEqual(again.map((r) => r.id));
      expect(resent.body.missingSeqs).toBeUndefined();
    }
    expect(await findSeqGaps(restored, fixture.municipalityId)).toEqual([]);
    expect(await rollupMismatches(restored)).toEqual([]);
  });

  it("moves from the embedded database to a PostgreSQL server: backup, restore with DATABASE_URL, start", async () => {
    const movedFile = path.join(work, "move.backup");
    const backup = await runScript("sync-server/bin/admin.ts", ["backup", movedFile], {
      env: { DATABASE_URL: "", DATA_DIR: freshDataDir },
    });
    expect(backup.code, backup.stderr).toBe(0);
    // The municipality's server: another PostgreSQL cluster, a new empty database on it.
    const server = await createEmptyDatabase();
    databases.push(server);
    const env = { DATABASE_URL: server.url, DATA_DIR: path.join(work, "server-data") };
    fs.mkdirSync(env.DATA_DIR, { recursive: true });
    fs.copyFileSync(
      path.join(freshDataDir, "fingerprint-keys"),
      path.join(env.DATA_DIR, "fingerprint-keys"),
    );
    const restore = await runScript("sync-server/bin/admin.ts", ["restore", movedFile], { env });
    expect(restore.code, restore.stderr).toBe(0);
    const count = "select count(*)::int as n from responses";
    expect((await server.pool.query(count)).rows).toEqual((await restored?.query(count))?.rows);
    expect(await rollupMismatches(server.pool)).toEqual([]);

    const running = await startServerProcess(env);
    servers.push(running);
    const kiosk = kiosks[0];
    if (!kiosk) throw new Error("no kiosk");
    const later = [samplePayload(kiosk.nextSeq++)];
    const reply = await postSync(running.baseUrl, kiosk.token, syncBody(later));
    expect(reply.status).toBe(200);
    expect(reply.body.accepted).toEqual(later.map((r) => r.id));
    expect(await running.stop("SIGTERM")).toBe(0);
  });
});
