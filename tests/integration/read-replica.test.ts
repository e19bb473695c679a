import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { installJobQueue } from "../../sync-server/jobs/install-queue.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { migrate } from "../../sync-server/migrate.ts";
import { type ReadRouting, startReadReplica } from "../../sync-server/read-replica.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { until } from "../helpers/job-queue.ts";
import { type ReplicaPair, startReplicaPair } from "../helpers/replica-pair.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// A real primary and a real hot standby (streaming replication): figures read through the
// standby, its lag in /metrics, and the fall-back to the primary when it lags or goes away.
const database = "borgerpuls";
const logger = createLogger("silent");
let pair: ReplicaPair;
let primary: Pool;
let fixture: Awaited<ReturnType<typeof twoSiteFixture>>;
let routing: ReadRouting;
let replicaServer: TestServer;
let primaryServer: TestServer;
const day = "2026-11-24";
let seq = 0;

async function storeDay(count: number) {
  await storeInterviews(
    primary,
    fixture.kioskA,
    Array.from({ length: count }, (_, i) => {
      seq += 1;
      return interview(seq, new Date(Date.parse(`${day}T09:00:00Z`) + seq * 60_000), {
        got_help: i % 4 === 0 ? "no" : "yes",
        guidance: "good",
      });
    }),
  );
}

async function get(server: TestServer, pathAndQuery: string, token = fixture.analyst.token) {
  const response = await fetch(`${server.baseUrl}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.text() };
}

const reads = [
  `/api/v1/report?from=${day}&to=${day}`,
  `/api/v1/dashboard/trend?from=2026-11-01&to=2026-11-30`,
  `/api/v1/export/figures.csv?from=2026-11-01&to=2026-11-30&by=day`,
  `/api/v1/export/responses/count?from=2026-11-01&to=2026-11-30`,
];

/** Every read endpoint answers the same through the replica as from the primary alone. */
async function expectSameFigures() {
  for (const path of reads) {
    const [viaReplica, viaPrimary] = await Promise.all([
      get(replicaServer, path),
      get(primaryServer, path),
    ]);
    expect(viaReplica.status, path).toBe(200);
    expect(viaReplica.body, path).toBe(viaPrimary.body);
  }
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${replicaServer.baseUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line?.split(" ")[1]);
}

/** Until the standby has replayed everything the primary wrote. */
async function caughtUp() {
  await until(async () => {
    const status = await routing.check();
    return status.inUse && status.lagBytes === 0;
  });
}

beforeAll(async () => {
  pair = await startReplicaPair(async (primaryUrl) => {
    const admin = new pg.Client({ connectionString: primaryUrl("postgres") });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const setup = createPool(primaryUrl(database), 2);
    await migrate(setup, logger);
    await installJobQueue(setup, logger);
    await setup.end();
  });
  primary = createPool(pair.primaryUrl(database), 5);
  fixture = await twoSiteFixture(primary);
  await storeDay(40);
  routing = startReadReplica(
    primary,
    { url: pair.standbyUrl(database), maxLagSeconds: 1, poolSize: 4, checkEveryMs: 60_000 },
    logger,
  );
  replicaServer = await startTestServer(primary, {
    reads: routing.reads,
    replicaStatus: routing.status,
  });
  primaryServer = await startTestServer(primary);
}, 120_000);

afterAll(async () => {
  await replicaServer?.close();
  await primaryServer?.close();
  await routing?.close();
  await primary?.end();
  await pair?.stop();
});

describe("a streaming read replica", () => {
  it("serves the same figures as the primary once it has caught up, and /metrics shows its lag", async () => {
    await caughtUp();
    expect(routing.reads()).not.toBe(primary);
    await expectSameFigures();
    // New answers reach the standby's figures too.
    await storeDay(25);
    await caughtUp();
    await expectSameFigures();
    expect(await metric("borgerpuls_read_replica_in_use")).toBe(1);
    expect(await metric("borgerpuls_read_replica_lag_seconds")).toBe(0);
    expect(await metric("borgerpuls_read_replica_lag_bytes")).toBe(0);
  }, 60_000);

  it("is left for the primary while it lags beyond the limit, and used again once it catches up", async () => {
    const standby = await pair.standbyAdmin();
    try {
      await standby.query("select pg_wal_replay_pause()");
      await storeDay(10);
      // Until a check notices, reads still go to the standby: its figures lack the new answers
      // (so they really are read there).
      const [stale, fresh] = await Promise.all([
        get(replicaServer, reads[0] ?? ""),
        get(primaryServer, reads[0] ?? ""),
      ]);
      expect(stale.status).toBe(200);
      expect(stale.body).not.toBe(fresh.body);
      // Past the 1 s limit of this test's routing.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const lagging = await routing.check();
      expect(lagging.inUse).toBe(false);
      expect(lagging.lagSeconds).toBeGreaterThan(1);
      expect(lagging.lagBytes).toBeGreaterThan(0);
      expect(routing.reads()).toBe(primary);
      expect(await metric("borgerpuls_read_replica_in_use")).toBe(0);
      expect(await metric("borgerpuls_read_replica_lag_seconds")).toBeGreaterThan(1);
      // The figures are the primary's, new answers included.
      await expectSameFigures();
    } finally {
      await standby.query("select pg_wal_replay_resume()");
      await standby.end();
    }
    await caughtUp();
    await expectSameFigures();
  }, 60_000);

  it("keeps the dashboard and report API answering when the standby is killed", async () => {
    await caughtUp();
    // Connections in the replica's pool, as a busy dashboard would have them.
    await expectSameFigures();
    await pair.stopStandby();
    await expectSameFigures();
    expect(routing.reads()).toBe(primary);
    const gone = await routing.check();
    expect(gone).toMatchObject({ inUse: false, lagSeconds: null });
    expect(await metric("borgerpuls_read_replica_in_use")).toBe(0);
    expect(Number.isNaN(await metric("borgerpuls_read_replica_lag_seconds"))).toBe(true);
    const kiosks = await get(replicaServer, "/api/v1/dashboard/kiosks");
    expect(kiosks.status).toBe(200);
  }, 60_000);
});
