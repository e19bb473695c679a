import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";

let db: TestDatabase;
let token = "";
let seq = 0;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-stop-"));
const servers: ServerProcess[] = [];
const lockers: pg.Client[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  token = (await twoSiteFixture(db.pool)).kioskA.token;
});
afterEach(async () => {
  for (const locker of lockers.splice(0)) await locker.end().catch(() => {});
  for (const server of servers.splice(0)) server.child.kill("SIGKILL");
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Holds the rollups table so that a sync request, once in the database, waits mid-batch. */
async function holdRollups(): Promise<pg.Client> {
  const locker = new pg.Client({ connectionString: db.url });
  locker.on("error", () => {});
  await locker.connect();
  lockers.push(locker);
  await locker.query("begin");
  await locker.query("lock table rollup_site_daily in exclusive mode");
  return locker;
}

async function aRequestWaitsOnTheLock(): Promise<boolean> {
  const waiting = await db.pool.query(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return waiting.rows[0].n > 0;
}

async function refusesConnections(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/healthz`);
    return false;
  } catch {
    return true;
  }
}

const batch = () => Array.from({ length: 5 }, () => samplePayload(++seq));
const stored = async (ids: string[]) =>
  (await db.pool.query("select count(*)::int as n from responses where id = any($1)", [ids]))
    .rows[0].n as number;

describe("SIGTERM: a graceful stop", () => {
  it("stops taking connections, lets the running sync finish and answer, then exits 0", async () => {
    const server = await startServerProcess({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SHUTDOWN_GRACE_MS: "60000",
    });
    servers.push(server);
    const locker = await holdRollups();
    const responses = batch();
    const sync = postSync(server.baseUrl, token, syncBody(responses));
    await eventually(aRequestWaitsOnTheLock, "the sync to reach the database");

    const exited = server.stop("SIGTERM");
    await eventually(() => refusesConnections(server.baseUrl), "new connections to be refused");
    await locker.query("commit");

    const answer = await sync;
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toEqual(responses.map((r) => r.id));
    expect(await exited).toBe(0);
    expect(await stored(responses.map((r) => r.id))).toBe(5);
  });

  it("past the grace period cuts the request; the kiosk's retry stores the batch exactly once", async () => {
    const server = await startServerProcess({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SHUTDOWN_GRACE_MS: "300",
    });
    servers.push(server);
    const locker = await holdRollups();
    const responses = batch();
    const sync = postSync(server.baseUrl, token, syncBody(responses)).then(
      (answer) => answer.status,
      () => "connection cut" as const,
    );
    await eventually(aRequestWaitsOnTheLock, "the sync to reach the database");
    const exited = server.stop("SIGTERM");
    // The kiosk sees no answer (a network error): its outbox keeps the batch for a retry.
    expect(await sync).toBe("connection cut");
    await locker.query("commit");
    expect(await exited).toBe(0);
    // The batch is one transaction: all five or none, never part of it.
    expect([0, 5]).toContain(await stored(responses.map((r) => r.id)));

    const next = await startServerProcess({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    servers.push(next);
    const retry = await postSync(next.baseUrl, token, syncBody(responses));
    expect(retry.status).toBe(200);
    const acknowledged = [
      ...(retry.body.accepted as string[]),
      ...(retry.body.duplicates as string[]),
    ];
    expect(acknowledged.sort()).toEqual(responses.map((r) => r.id).sort());
    expect(await stored(responses.map((r) => r.id))).toBe(5);
    expect(await next.stop("SIGTERM")).toBe(0);
  });
});
