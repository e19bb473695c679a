import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { withDatabase } from "../helpers/postgres-global-setup.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * A real full disk: the test database lives in a tablespace on a small tmpfs, which is then
 * filled to the last byte. Mounting needs root, which is how `npm test` runs here and in CI;
 * elsewhere this file cannot make a full disk and says so in its name rather than fake one.
 */
const isRoot = process.getuid?.() === 0;
const suffix = `${process.pid}_${Date.now()}`;
const mountDir = path.join(os.tmpdir(), `borgerpuls-full-${suffix}`);
const tablespace = `full_${suffix}`;
const database = `borgerpuls_full_${suffix}`;
const filler = path.join(mountDir, "filler");
let admin: pg.Client;
let pool: Pool;
let server: TestServer;
let kiosk: { token: string };

beforeAll(async () => {
  if (!isRoot) return;
  fs.mkdirSync(mountDir);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=96m", "tmpfs", mountDir]);
  fs.chmodSync(mountDir, 0o755);
  const dataDir = path.join(mountDir, "pg");
  fs.mkdirSync(dataDir);
  // The cluster runs as `postgres` when the tests run as root.
  const owner = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  fs.chownSync(dataDir, owner, owner);
  admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  await admin.query(`create tablespace ${tablespace} location '${dataDir}'`);
  await admin.query(
    `create database ${database} template ${inject("pgTemplate")} tablespace ${tablespace}`,
  );
  pool = createPool(withDatabase(inject("pgAdminUrl"), database), 4);
  server = await startTestServer(pool, { retryAfterSeconds: 4 });
  const site = await addSite(pool, { name: "Borgerservice", municipality: "Fuldkommune" });
  kiosk = await addKiosk(pool, { siteId: site.siteId, name: "A" });
}, 120_000);

afterAll(async () => {
  if (!isRoot) return;
  await server?.close();
  await pool?.end();
  await admin?.query(`drop database if exists ${database} with (force)`);
  await admin?.query(`drop tablespace if exists ${tablespace}`);
  await admin?.end();
  execFileSync("umount", [mountDir]);
  fs.rmSync(mountDir, { recursive: true, force: true });
});

/** Writes until the file system refuses (ENOSPC). */
function fillDisk(): void {
  const fd = fs.openSync(filler, "w");
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  }
  // Small writes squeeze in the last bytes a megabyte write cannot.
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(512));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    fs.closeSync(fd);
  }
}

describe.runIf(isRoot)("a full disk under the database (needs root to mount a tmpfs)", () => {
  it("answers 503 database_full + Retry-After, /readyz says so, and nothing is lost once it clears", async () => {
    const warmup = [samplePayload(1)];
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(warmup))).status).toBe(200);
    fillDisk();
    // A thousand answers need new pages in the table and its indexes: there is no room.
    const payloads = Array.from({ length: 1000 }, (_, i) =>
      samplePayload(2 + i, {}, Date.now() - 600_000 + i),
    );
    const full = await fetch(`${server.baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${kiosk.token}` },
      body: JSON.stringify(syncBody(payloads)),
    });
    expect(full.status).toBe(503);
    expect(full.headers.get("retry-after")).toBe("4");
    expect(await full.json()).toMatchObject({ error: { code: "database_full" } });
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: { code: "database_full" } });
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

    fs.rmSync(filler);
    const again = await postSync(server.baseUrl, kiosk.token, syncBody(payloads));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rejected: [], duplicates: [] });
    const stored = await pool.query<{ n: number }>(
      "select count(*) as n from responses where id = any ($1::uuid[])",
      [[...warmup, ...payloads].map((p) => p.id)],
    );
    expect(stored.rows[0]?.n).toBe(1001);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
  });
});
