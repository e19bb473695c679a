import http from "node:http";
import { Writable } from "node:stream";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * The server against a real PostgreSQL that misbehaves: a backend terminated while the sync
 * waits on a lock, a lock held past the timeouts, a read-only database. Each fault must give a
 * 503 with Retry-After (the kiosk retries), never a crash, a hang or a 500, and nothing sent
 * may be lost once the fault clears.
 */
let db: TestDatabase;
let pool: Pool;
let server: TestServer;
let kiosk: { kioskId: string; token: string };
const lockMs = 800;

beforeAll(async () => {
  db = await createTestDatabase();
  // Short timeouts so the test is quick; the behaviour is the same at the defaults.
  pool = createPool(db.url, 4, { timeouts: { connectMs: 1500, statementMs: 2500, lockMs } });
  server = await startTestServer(pool, { retryAfterSeconds: 3 });
  const site = await addSite(pool, { name: "Borgerservice", municipality: "Fejlkommune" });
  kiosk = await addKiosk(pool, { siteId: site.siteId, name: "A" });
});
afterAll(async () => {
  await server.close();
  await pool.end();
  await db.drop();
});

/** A session of its own holding an exclusive lock on a table every sync writes. */
async function lockKioskHealth(): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: db.url });
  holder.on("error", () => {});
  await holder.connect();
  await holder.query("begin");
  await holder.query("lock table kiosk_health in access exclusive mode");
  return holder;
}

async function storedCount(ids: string[]): Promise<number> {
  const result = await db.pool.query<{ n: number }>(
    "select count(*) as n from responses where id = any ($1::uuid[])",
    [ids],
  );
  return result.rows[0]?.n ?? -1;
}

async function waitingBackend(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const result = await db.pool.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock' and query ilike '%kiosk_health%'`,
    );
    const pid = result.rows[0]?.pid;
    if (pid !== undefined) return pid;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no sync backend ever waited on the lock");
}

describe("database faults during sync", () => {
  it("keeps serving when the backend of a waiting sync is terminated (pg_terminate_backend)", async () => {
    // Long enough that the sync is still waiting when it is terminated.
    await pool.query("select 1");
    const slowPool = createPool(db.url, 2, {
      timeouts: { connectMs: 2000, statementMs: 30_000, lockMs: 30_000 },
    });
    const slow = await startTestServer(slowPool);
    const holder = await lockKioskHealth();
    try {
      for (let round = 0; round < 3; round++) {
        const payloads = [samplePayload(10 + round)];
        const pending = postSync(slow.baseUrl, kiosk.token, syncBody(payloads));
        const pid = await waitingBackend();
        await db.pool.query("select pg_terminate_backend($1)", [pid]);
        const reply = await pending;
        expect(reply.status).toBe(503);
        expect(reply.body).toMatchObject({ error: { code: "database_unavailable" } });
        expect(await storedCount(payloads.map((p) => p.id))).toBe(0);
      }
      expect((await fetch(`${slow.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
    // The kiosk's later sync succeeds on the same server and pool.
    const payloads = [10, 11, 12].map((seq) => samplePayload(seq));
    const later = await postSync(slow.baseUrl, kiosk.token, syncBody(payloads));
    expect(later.status).toBe(200);
    expect(await storedCount(payloads.map((p) => p.id))).toBe(3);
    await slow.close();
    await slowPool.end();
  });

  it("answers a sync behind a lock held past the lock timeout with 503 in time, not a hang", async () => {
    const holder = await lockKioskHealth();
    const payloads = [samplePayload(20)];
    const started = Date.now();
    try {
      const reply = await postSync(server.baseUrl, kiosk.token, syncBody(payloads));
      const tookMs = Date.now() - started;
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ error: { code: "database_timeout" } });
      // Answered once the lock timeout passed, well before the lock is released (never here).
      expect(tookMs).toBeGreaterThanOrEqual(lockMs);
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
    const retried = await postSync(server.baseUrl, kiosk.token, syncBody(payloads));
    expect(retried.status).toBe(200);
    expect(await storedCount(payloads.map((p) => p.id))).toBe(1);
  });

  it("cuts a statement off at the statement timeout (57014, which maps to database_timeout)", async () => {
    const result = await pool.query("select pg_sleep(10)").then(
      () => "finished",
      (error: unknown) => error,
    );
    expect(result).toMatchObject({ code: "57014" });
  });

  it("answers 503 + Retry-After while the database is read-only; nothing lost once it is writable", async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const payloads = [30, 31].map((seq) => samplePayload(seq));
    try {
      await admin.query(`alter database ${db.name} set default_transaction_read_only = on`);
      // Sessions pick the setting up when they connect: drop the pool's open ones.
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [db.name],
      );
      await db.pool.query("select 1").catch(() => {});
      const reply = await fetch(`${server.baseUrl}/api/v1/sync`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${kiosk.token}` },
        body: JSON.stringify(syncBody(payloads)),
      });
      expect(reply.status).toBe(503);
      expect(reply.headers.get("retry-after")).toBe("3");
      expect(await reply.json()).toMatchObject({ error: { code: "database_read_only" } });
      const ready = await fetch(`${server.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        database: "read-only",
        error: { code: "database_read_only" },
      });
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await admin.query(`alter database ${db.name} reset default_transaction_read_only`);
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [db.name],
      );
      await admin.end();
    }
    // The first request after the terminations may meet a dead pooled connection: retry as a kiosk would.
    let status = 0;
    for (let tries = 0; tries < 5 && status !== 200; tries++) {
      status = (await postSync(server.baseUrl, kiosk.token, syncBody(payloads))).status;
    }
    expect(status).toBe(200);
    expect(await storedCount(payloads.map((p) => p.id))).toBe(2);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
  });
});

describe("/readyz", () => {
  it("tells an exhausted pool (server_busy) from an unreachable database", async () => {
    const tiny = createPool(db.url, 1, {
      timeouts: { connectMs: 3000, statementMs: 5000, lockMs: 1000 },
    });
    const busy = await startTestServer(tiny);
    const held = await tiny.connect();
    const queued = tiny.query("select 1");
    try {
      const ready = await fetch(`${busy.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        database: "busy",
        pool: { max: 1, total: 1, waiting: 1 },
        error: { code: "server_busy" },
      });
    } finally {
      held.release();
      await queued;
      await busy.close();
      await tiny.end();
    }
  });
});

describe("admission control on POST /api/v1/sync", () => {
  it("answers syncs beyond the in-flight limit 503 server_busy + Retry-After without reading their bodies", async () => {
    const busy = await startTestServer(pool, {
      syncAdmission: { maxInFlight: 1, busyRetryAfterSeconds: 2 },
    });
    const holder = await lockKioskHealth();
    try {
      const first = postSync(busy.baseUrl, kiosk.token, syncBody([samplePayload(40)]));
      await waitingBackend();
      // Announces a 3 MB body and sends none of it: an answer proves the body was not awaited.
      const url = new URL(`${busy.baseUrl}/api/v1/sync`);
      const reply = await new Promise<{ status: number; retryAfter: string; body: string }>(
        (resolve, reject) => {
          const request = http.request(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: "POST",
              headers: {
                "content-type": "application/json",
                "content-length": String(3 * 1024 * 1024),
                authorization: `Bearer ${kiosk.token}`,
              },
            },
            (response) => {
              let body = "";
              response.on("data", (chunk: Buffer) => {
                body += chunk.toString();
              });
              response.on("end", () => {
                request.destroy();
                resolve({
                  status: response.statusCode ?? 0,
                  retryAfter: String(response.headers["retry-after"]),
                  body,
                });
              });
            },
          );
          request.on("error", reject);
          request.flushHeaders();
        },
      );
      expect(reply.status).toBe(503);
      expect(reply.retryAfter).toBe("2");
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: "server_busy" } });
      await holder.query("rollback");
      expect((await first).status).toBe(200);
      const metrics = await (await fetch(`${busy.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/borgerpuls_unavailable_total\{code="server_busy"\} 1/);
      expect(metrics).toMatch(/borgerpuls_sync_in_flight 0/);
    } finally {
      await holder.query("rollback").catch(() => {});
      await holder.end();
      await busy.close();
    }
  });
});

describe("client aborts", () => {
  it("are logged at debug, not as errors", async () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    const logged = await startTestServer(pool, { logger: pino({ level: "debug" }, sink) });
    try {
      const url = new URL(`${logged.baseUrl}/api/v1/sync`);
      await new Promise<void>((resolve) => {
        const request = http.request({
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": "100000",
            authorization: `Bearer ${kiosk.token}`,
          },
        });
        request.on("error", () => resolve());
        request.write('{"sentAt": "2026-');
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 300);
      });
      for (let tries = 0; tries < 50 && lines.length === 0; tries++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(
        lines.some((line) => line.msg === "client aborted the request" && line.level === 20),
      ).toBe(true);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      await logged.close();
    }
  });
});
