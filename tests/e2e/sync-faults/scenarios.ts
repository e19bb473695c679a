import type { Browser, BrowserContext, Page } from "playwright-core";
import { addKiosk, addSite } from "../../../sync-server/admin/verbs.ts";
import type { Pool } from "../../../sync-server/db.ts";
import { seededRandom } from "../../../sync-server/demo/random.ts";
import { freePort } from "../../../sync-server/free-port.ts";
import { findSeqGaps, listKioskHealth } from "../../../sync-server/queries/kiosk-health.ts";
import { buildHarness } from "./build-harness.ts";
import { type FaultProxy, startFaultProxy } from "./proxy.ts";
import { type ServerProcess, serverProcess } from "./server-process.ts";

/**
 * The kiosk answers interviews in real Chromium while the network, the server and the page
 * misbehave on a seeded random schedule; afterwards the database must hold exactly what the
 * kiosk recorded, each response once.
 */
export const faultKinds = ["offline", "kill", "drop", "reload"] as const;
/**
 * Faults of the database under the server: "terminate" ends the server's backends with
 * pg_terminate_backend mid-sync; "pg-kill" SIGKILLs the postmaster mid-sync and starts it again
 * (only where the run owns its PostgreSQL: FaultRunOptions.killDatabase).
 */
export const databaseFaultKinds = ["terminate", "pg-kill"] as const;
export type FaultKind = (typeof faultKinds)[number] | (typeof databaseFaultKinds)[number];

/** The server's connections say who they are, so "terminate" ends only theirs. */
const serverApplicationName = "borgerpuls-fault-server";

export type FaultRunOptions = {
  browser: Browser;
  pool: Pool;
  databaseUrl: string;
  seed: number;
  rounds: number;
  /** Which faults, in a seeded order; default faultKinds. */
  faults?: readonly FaultKind[];
  /** SIGKILLs the run's own postmaster and starts it again (needed for "pg-kill"). */
  killDatabase?: () => Promise<void>;
  log?: (line: string) => void;
};

export type FaultRunResult = {
  rounds: { fault: FaultKind; answered: number; syncRequests: number; duplicates: number }[];
  kioskResponses: number;
  storedResponses: number;
  problems: string[];
};

type Row = { id: string; seq: number; syncState: string };
type Ctx = {
  pool: Pool;
  killDatabase?: () => Promise<void>;
  page: Page;
  context: BrowserContext;
  proxy: FaultProxy;
  server: ServerProcess;
  random: ReturnType<typeof seededRandom>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const answer = (ctx: Ctx, count: number) =>
  ctx.page.evaluate((n) => (window as unknown as KioskWindow).kiosk.answer(n), count);
const dump = (ctx: Ctx) => ctx.page.evaluate(() => (window as unknown as KioskWindow).kiosk.dump());

type KioskWindow = {
  kioskReady?: boolean;
  kiosk: {
    answer(n: number): Promise<number>;
    enrol(value: unknown): Promise<void>;
    dump(): Promise<Row[]>;
    requestSync(): void;
  };
};

async function openKiosk(ctx: Pick<Ctx, "page" | "proxy">): Promise<void> {
  await ctx.page.goto(`${ctx.proxy.url}/harness/`);
  await ctx.page.waitForFunction(() => (window as unknown as KioskWindow).kioskReady === true);
}

/** One fault; returns how many interviews were answered meanwhile. */
async function inject(ctx: Ctx, fault: FaultKind): Promise<number> {
  const { random, proxy, server } = ctx;
  let answered = 0;
  const more = async (min: number, max: number) => {
    answered += await answer(ctx, random.int(min, max));
  };
  if (fault === "offline") {
    await ctx.context.setOffline(true);
    await more(1, 300);
    await sleep(random.int(100, 800));
    await more(1, 50);
    await ctx.context.setOffline(false); // the `online` event starts the drain
  } else if (fault === "kill") {
    let killed = false;
    // Exactly one kill, somewhere from before the batch reaches PostgreSQL to after its commit.
    proxy.onSync(() => {
      proxy.onSync(undefined);
      setTimeout(
        () => {
          server.kill();
          killed = true;
        },
        random.int(0, 600),
      );
    });
    await more(200, 500);
    await until("the server to be killed", () => killed, 10_000);
    await more(1, 50);
    await sleep(random.int(100, 600));
    await server.start();
    await more(1, 3);
  } else if (fault === "terminate" || fault === "pg-kill") {
    const { killDatabase } = ctx;
    if (fault === "pg-kill" && !killDatabase) throw new Error("pg-kill needs killDatabase");
    let done = false;
    // Once, somewhere from before the batch reaches PostgreSQL to after its commit.
    proxy.onSync(() => {
      proxy.onSync(undefined);
      setTimeout(
        () => {
          const work =
            fault === "pg-kill" && killDatabase
              ? killDatabase()
              : ctx.pool.query(
                  "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
                  [serverApplicationName],
                );
          void work.then(() => {
            done = true;
          });
        },
        random.int(0, 300),
      );
    });
    await more(200, 500);
    await until(`the ${fault} fault`, () => done, 60_000);
    await more(1, 50);
  } else if (fault === "drop") {
    for (let drops = random.int(1, 2); drops > 0; drops--) {
      proxy.dropReplies(1);
      await more(50, 500);
      await until("a dropped reply", () => proxy.dropsLeft() === 0, 20_000);
    }
    await more(1, 20);
  } else {
    const before = proxy.syncRequests();
    proxy.holdNextReply(random.int(200, 1000));
    await more(50, 500);
    await until("a sync to start", () => proxy.syncRequests() > before, 10_000);
    await sleep(random.int(0, 150));
    await openKiosk(ctx);
    await more(0, 10);
  }
  return answered;
}

/** Until nothing is pending; nudges the engine so the test does not wait out its backoff. */
async function settle(ctx: Ctx): Promise<Row[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const rows = await dump(ctx);
    if (!rows.some((row) => row.syncState === "pending")) return rows;
    if (Date.now() > deadline) {
      const pending = rows.filter((row) => row.syncState === "pending").length;
      throw new Error(
        `the outbox did not drain within 90 s: ${pending} pending; the last syncs through the proxy: ${ctx.proxy.recentOutcomes().join(", ") || "none"}`,
      );
    }
    await ctx.page.evaluate(() => (window as unknown as KioskWindow).kiosk.requestSync());
    await sleep(400);
  }
}

async function compare(pool: Pool, kioskId: string, municipalityId: string, rows: Row[]) {
  const problems: string[] = [];
  const stored = await pool.query<{ id: string; seq: number }>(
    "select id, seq from responses where municipality_id = $1 and kiosk_id = $2",
    [municipalityId, kioskId],
  );
  const inDb = new Map(stored.rows.map((row) => [row.id, row.seq]));
  for (const row of rows) {
    if (row.syncState !== "synced") problems.push(`${row.id} (seq ${row.seq}) is ${row.syncState}`);
    if (inDb.get(row.id) !== row.seq)
      problems.push(`${row.id} (seq ${row.seq}) is not stored as such`);
  }
  const onKiosk = new Set(rows.map((row) => row.id));
  for (const id of inDb.keys())
    if (!onKiosk.has(id)) problems.push(`${id} is stored but not on the kiosk`);
  const seqs = new Set(stored.rows.map((row) => row.seq));
  if (seqs.size !== stored.rows.length) problems.push("a seq is stored twice");
  const gaps = await findSeqGaps(pool, municipalityId, [kioskId]);
  if (gaps.length > 0) problems.push(`seq gaps: ${JSON.stringify(gaps)}`);
  const health = (await listKioskHealth(pool, municipalityId)).find((h) => h.kioskId === kioskId);
  // stored_count grows by rows actually inserted: a double insert would show here.
  if (health?.storedCount !== stored.rows.length)
    problems.push(
      `health counts ${health?.storedCount} stored, the table has ${stored.rows.length}`,
    );
  return { problems, stored: stored.rows.length };
}

export async function runFaultRounds(options: FaultRunOptions): Promise<FaultRunResult> {
  const random = seededRandom(options.seed);
  const site = await addSite(options.pool, {
    name: `Skranken ${options.seed}-${Date.now()}`,
    municipality: "Fejlkommune",
  });
  const kiosk = await addKiosk(options.pool, { siteId: site.siteId, name: "Fejlkiosk" });
  const port = await freePort();
  const serverUrl = new URL(options.databaseUrl);
  serverUrl.searchParams.set("application_name", serverApplicationName);
  const server = serverProcess(serverUrl.toString(), port);
  await server.start();
  const proxy = await startFaultProxy(port, await buildHarness());
  const context = await options.browser.newContext();
  const ctx: Ctx = {
    pool: options.pool,
    killDatabase: options.killDatabase,
    page: await context.newPage(),
    context,
    proxy,
    server,
    random,
  };
  try {
    await openKiosk(ctx);
    await ctx.page.evaluate((value) => (window as unknown as KioskWindow).kiosk.enrol(value), {
      serverUrl: proxy.url,
      token: kiosk.token,
      kioskId: kiosk.kioskId,
      siteId: kiosk.siteId,
      name: "Fejlkiosk",
      enrolledAt: new Date().toISOString(),
    });
    // Every kind of fault in each run of four rounds, in a seeded order.
    const order = [...(options.faults ?? faultKinds)].sort(() => random.next() - 0.5);
    const rounds: FaultRunResult["rounds"] = [];
    let rows: Row[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const fault = order[round % order.length] ?? "drop";
      const started = Date.now();
      const requestsBefore = proxy.syncRequests();
      const duplicatesBefore = proxy.duplicatesDelivered();
      const answered = await inject(ctx, fault);
      rows = await settle(ctx);
      const stats = {
        fault,
        answered,
        syncRequests: proxy.syncRequests() - requestsBefore,
        duplicates: proxy.duplicatesDelivered() - duplicatesBefore,
      };
      rounds.push(stats);
      options.log?.(
        `round ${round + 1}: ${JSON.stringify(stats)}, settled in ${Date.now() - started} ms`,
      );
    }
    const { problems, stored } = await compare(
      options.pool,
      kiosk.kioskId,
      site.municipalityId,
      rows,
    );
    return { rounds, kioskResponses: rows.length, storedResponses: stored, problems };
  } finally {
    await context.close();
    await proxy.close();
    await server.stop();
  }
}
