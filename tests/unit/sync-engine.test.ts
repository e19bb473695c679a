import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KioskDatabase, type StoredResponse, type SyncState } from "../../kiosk/store/db.ts";
import { parseRetryAfter, retryAfterDelayMs, retryDelayMs } from "../../kiosk/sync/backoff.ts";
import { createSyncEngine, type EngineOptions } from "../../kiosk/sync/engine.ts";
import { leaseLock } from "../../kiosk/sync/lock.ts";
import { deviceStateSchema, type SyncReply } from "../../shared/contracts.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

type Sent = {
  headers: Record<string, string>;
  body: {
    sentAt: string;
    kioskId: string;
    responses: { id: string; seq: number }[];
    device?: {
      outboxSize: number;
      oldestPendingAt: string | null;
      storagePersisted: boolean | null;
    };
  };
};

let db: KioskDatabase;
let counter = 0;
const enrolment = {
  serverUrl: "http://server.test",
  token: "bpk_token",
  kioskId: "0190a000-0000-7000-8000-000000000001",
  siteId: "0190a000-0000-7000-8000-000000000002",
  name: "Skranke",
  enrolledAt: "2026-11-01T10:00:00Z",
};

beforeEach(async () => {
  counter += 1;
  db = new KioskDatabase(`engine-test-${counter}`);
  await db.meta.put({ key: "enrolment", value: enrolment });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function seed(
  count: number,
  state: SyncState = "pending",
  from = 1,
): Promise<StoredResponse[]> {
  const rows = Array.from(
    { length: count },
    (_, i): StoredResponse => ({
      ...samplePayload(from + i),
      syncState: state,
      updatedAt: Date.now(),
    }),
  );
  await db.responses.bulkAdd(rows);
  return rows;
}

/** A server that accepts everything it has not seen, and says duplicate for what it has. */
function fakeServer(decide?: (id: string) => SyncReply["rejected"][number] | undefined) {
  const seen = new Set<string>();
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failNext = 0;
  const fetch = (async (_url: string, init: RequestInit) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    if (failNext > 0) {
      failNext -= 1;
      throw new TypeError("Failed to fetch");
    }
    const body = JSON.parse(String(init.body)) as Sent["body"];
    sent.push({ headers: init.headers as Record<string, string>, body });
    const reply: SyncReply = {
      accepted: [],
      duplicates: [],
      rejected: [],
      serverTime: new Date(Date.now() + 90_000).toISOString(),
    };
    for (const { id } of body.responses) {
      const rejection = decide?.(id);
      if (rejection) reply.rejected.push(rejection);
      else if (seen.has(id)) reply.duplicates.push(id);
      else {
        seen.add(id);
        reply.accepted.push(id);
      }
    }
    return new Response(JSON.stringify(reply), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }) as unknown as typeof globalThis.fetch;
  return {
    fetch,
    sent,
    maxInFlight: () => maxInFlight,
    failNext(n: number) {
      failNext = n;
    },
  };
}

function engine(overrides: Partial<EngineOptions> & Pick<EngineOptions, "fetch">) {
  const timers: number[] = [];
  const instance = createSyncEngine({
    db,
    lock: leaseLock(db, Date.now),
    appVersion: "1.2.3",
    random: () => 0.5,
    setTimer: (_run, ms) => timers.push(ms),
    clearTimer: () => {},
    ...overrides,
  });
  return { instance, timers };
}

const states = async () => (await db.responses.orderBy("seq").toArray()).map((r) => r.syncState);

describe("the kiosk sync engine", () => {
  it("reports in every request what waits besides the batch, the oldest of it, and the storage", async () => {
    const rows = await seed(7);
    await db.meta.put({ key: "storagePersisted", value: false });
    const server = fakeServer();
    const { instance } = engine({ fetch: server.fetch, batchSize: 3 });
    await instance.syncNow();
    const devices = server.sent.map((sent) => sent.body.device);
    // Batches of 3, 3, 1: 4 wait beyond the first, 1 beyond the second, none beyond the last.
    expect(devices.map((device) => device?.outboxSize)).toEqual([4, 1, 0]);
    expect(devices[0]?.oldestPendingAt).toBe(rows[3]?.finishedAt);
    expect(devices[1]?.oldestPendingAt).toBe(rows[6]?.finishedAt);
    expect(devices[2]?.oldestPendingAt).toBeNull();
    expect(devices.every((device) => device?.storagePersisted === false)).toBe(true);
    // What the server would make of it: every report passes the wire contract.
    for (const device of devices) expect(deviceStateSchema.safeParse(device).success).toBe(true);
  });

  // 1,200 responses through fake-indexeddb: seconds on a loaded machine; the limit is not a
  // speed target (benchmarks measure speed), only a guard against a hang.
  it("drains pending responses oldest first, from 50 per request doubling to at most 500", {
    timeout: 60_000,
  }, async () => {
    await seed(1200);
    await seed(2, "local", 2000);
    const server = fakeServer();
    const { instance } = engine({ fetch: server.fetch });
    const outcome = await instance.syncNow();
    expect(outcome).toEqual({ kind: "done", ok: true, accepted: 1200, duplicates: 0, rejected: 0 });
    expect(server.sent.map((s) => s.body.responses.length)).toEqual([50, 100, 200, 400, 450]);
    const seqs = server.sent.flatMap((s) => s.body.responses.map((r) => r.seq));
    expect(seqs).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(server.sent[0]?.headers).toMatchObject({
      Authorization: "Bearer bpk_token",
      "X-Kiosk-Version": "1.2.3",
    });
    expect(server.sent[0]?.body.kioskId).toBe(enrolment.kioskId);
    expect(server.sent[0]?.body.sentAt).toMatch(/[+-]\d{2}:\d{2}$|Z$/);
    // Wire fields only: nothing of the local bookkeeping.
    expect(Object.keys(server.sent[0]?.body.responses[0] ?? {}).sort()).toEqual([
      "answers",
      "finishedAt",
      "flags",
      "id",
      "locale",
      "questionnaire",
      "seq",
      "startedAt",
      "status",
    ]);
    const after = await states();
    expect(after.filter((s) => s === "synced")).toHaveLength(1200);
    expect(after.slice(-2)).toEqual(["local", "local"]);
    expect((await db.meta.get("lastSync"))?.value).toMatchObject({
      ok: true,
      accepted: 1200,
      rejected: 0,
    });
    const offset = (await db.meta.get("clockOffsetMs"))?.value as number;
    expect(offset).toBeGreaterThan(80_000);
    expect(offset).toBeLessThan(100_000);
  });

  it("marks synced only what the server confirmed, and quarantines what it rejected", async () => {
    const rows = await seed(4);
    const [, bad, , forgotten] = rows;
    const server = fakeServer((id) =>
      id === bad?.id
        ? { id, code: "unknown_answer", message: "answers.guidance: nope" }
        : undefined,
    );
    const silent: typeof fetch = async (url, init) => {
      const response = await server.fetch(url, init);
      const reply = (await response.json()) as SyncReply;
      reply.accepted = reply.accepted.filter((id) => id !== forgotten?.id);
      reply.accepted.push("0190a000-0000-7000-8000-00000000dead");
      return new Response(JSON.stringify(reply), { status: 200 });
    };
    const { instance } = engine({ fetch: silent });
    expect(await instance.syncNow()).toMatchObject({ ok: true, accepted: 2, rejected: 1 });
    expect(await states()).toEqual(["synced", "rejected", "synced", "pending"]);
    const quarantined = await db.quarantine.get(bad?.id ?? "");
    expect(quarantined).toMatchObject({
      code: "unknown_answer",
      message: "answers.guidance: nope",
    });
    expect(quarantined?.response.seq).toBe(2);
  });

  it("starts small again after a failed request, so a refused upload is a small one", async () => {
    await seed(400);
    const server = fakeServer();
    // 50 and 100 go through; the third request (200) fails; the next drain starts at 50 again.
    let calls = 0;
    const failing = (async (url: string, init: RequestInit) => {
      calls += 1;
      if (calls === 3) throw new TypeError("Failed to fetch");
      return server.fetch(url, init);
    }) as unknown as typeof globalThis.fetch;
    const { instance: flaky } = engine({ fetch: failing });
    expect((await flaky.syncNow()).kind).toBe("done");
    expect(server.sent.map((s) => s.body.responses.length)).toEqual([50, 100]);
    await flaky.syncNow();
    expect(server.sent.map((s) => s.body.responses.length)).toEqual([50, 100, 50, 100, 100]);
  });

  it("waits out the server's Retry-After on a 503, with jitter, instead of its own backoff", async () => {
    await seed(2);
    const server = fakeServer();
    let busy = 3;
    const fetch = (async (url: string, init: RequestInit) => {
      if (busy-- > 0)
        return new Response(
          JSON.stringify({ error: { code: "server_busy", message: "The server is busy." } }),
          { status: 503, headers: { "content-type": "application/json", "retry-after": "7" } },
        );
      return server.fetch(url, init);
    }) as unknown as typeof globalThis.fetch;
    const randoms = [0, 0.5, 1];
    let call = 0;
    const { instance, timers } = engine({
      fetch,
      random: () => randoms[call++ % randoms.length] ?? 0,
    });
    for (let i = 0; i < 3; i++)
      expect(await instance.syncNow()).toMatchObject({ ok: false, retryAfterMs: 7000 });
    // 7 s at least, up to 14 s: the jitter spreads a room of kiosks told the same thing.
    expect(timers).toEqual([7000, 10_500, 14_000]);
    expect(await instance.syncNow()).toMatchObject({ ok: true, accepted: 2 });
  });

  it("backs off exponentially with jitter up to 5 minutes, and resets on success", async () => {
    await seed(3);
    const server = fakeServer();
    const { instance, timers } = engine({ fetch: server.fetch });
    server.failNext(12);
    for (let i = 0; i < 12; i++) expect(await instance.syncNow()).toMatchObject({ ok: false });
    expect(timers).toEqual(
      Array.from({ length: 12 }, (_, i) => Math.round(Math.min(300_000, 5_000 * 2 ** i) * 0.75)),
    );
    expect(await states()).toEqual(["pending", "pending", "pending"]);
    expect((await db.meta.get("lastSync"))?.value).toMatchObject({
      ok: false,
      message: expect.stringMatching(/No connection/),
    });
    expect(await instance.syncNow()).toMatchObject({ ok: true, accepted: 3 });
    expect(timers.at(-1)).toBe(60_000);
  });

  it("treats a server error like a lost connection: nothing is marked", async () => {
    await seed(2);
    const failing: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: "internal", message: "boom" } }), {
        status: 500,
      });
    const { instance } = engine({ fetch: failing });
    expect(await instance.syncNow()).toMatchObject({ ok: false });
    expect(await states()).toEqual(["pending", "pending"]);
    expect((await db.meta.get("lastSync"))?.value).toMatchObject({ ok: false, message: "boom" });
  });

  it("prunes synced responses after the retention period, never others", async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await seed(2, "synced");
    const recent = await seed(1, "synced", 3);
    const oldPending = await seed(1, "pending", 4);
    await db.responses.bulkUpdate([
      ...old.map((r) => ({ key: r.id, changes: { syncedAt: Date.now() - 31 * day } })),
      { key: recent[0]?.id ?? "", changes: { syncedAt: Date.now() - 29 * day } },
      { key: oldPending[0]?.id ?? "", changes: { updatedAt: Date.now() - 90 * day } },
    ]);
    const { instance } = engine({ fetch: fakeServer().fetch });
    await instance.syncNow();
    expect((await db.responses.orderBy("seq").toArray()).map((r) => r.seq)).toEqual([3, 4]);
  });

  it("never runs two drains at once, in one tab or across two", async () => {
    await seed(5);
    const server = fakeServer();
    const one = engine({ fetch: server.fetch }).instance;
    const two = engine({ fetch: server.fetch }).instance;
    const outcomes = await Promise.all([one.syncNow(), one.syncNow(), two.syncNow()]);
    expect(server.maxInFlight()).toBe(1);
    expect(outcomes.filter((o) => o.kind === "busy")).toHaveLength(1);
    expect(await states()).toEqual(Array(5).fill("synced"));
  });

  it("syncs on the online event and sends nothing before enrolment", async () => {
    await db.meta.delete("enrolment");
    await seed(1);
    const server = fakeServer();
    const events = new EventTarget();
    const { instance } = engine({ fetch: server.fetch, events });
    expect(await instance.syncNow()).toMatchObject({ ok: false });
    expect(server.sent).toHaveLength(0);
    await db.meta.put({ key: "enrolment", value: enrolment });
    events.dispatchEvent(new Event("online"));
    await expect.poll(async () => (await states())[0]).toBe("synced");
    instance.stop();
  });
});

describe("Retry-After", () => {
  it("reads delay-seconds and HTTP dates, and ignores anything else", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(retryAfterDelayMs(10 * 3_600_000, () => 0)).toBe(3_600_000);
    expect(retryAfterDelayMs(2_000, () => 1)).toBe(4_000);
    // A turn a minute away stays about a minute away: the jitter adds at most 10 s.
    expect(retryAfterDelayMs(60_000, () => 1)).toBe(70_000);
  });
});

describe("retryDelayMs", () => {
  it("stays within half and all of the capped exponential", () => {
    expect(retryDelayMs(1, () => 0)).toBe(2_500);
    expect(retryDelayMs(1, () => 1)).toBe(5_000);
    expect(retryDelayMs(30, () => 1)).toBe(300_000);
    expect(retryDelayMs(30, () => 0)).toBe(150_000);
  });

  it("sends again the synced answers whose seq numbers the server lacks (restored from a backup)", async () => {
    await seed(5, "synced", 1);
    await seed(1, "pending", 6);
    const held = new Set<number>([1, 2]);
    const sent: number[][] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Sent["body"];
      sent.push(body.responses.map((r) => r.seq));
      for (const r of body.responses) held.add(r.seq);
      const missing = [3, 4, 5].filter((seq) => !held.has(seq));
      const reply: SyncReply = {
        accepted: body.responses.map((r) => r.id),
        duplicates: [],
        rejected: [],
        serverTime: new Date().toISOString(),
        ...(missing.length > 0 ? { missingSeqs: [{ from: 3, to: 5 }] } : {}),
      };
      return new Response(JSON.stringify(reply), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }) as unknown as typeof globalThis.fetch;
    const { instance } = engine({ fetch });
    const outcome = await instance.syncNow();
    expect(sent).toEqual([[6], [3, 4, 5]]);
    expect(outcome).toMatchObject({ ok: true, accepted: 4 });
    expect(await states()).toEqual(["synced", "synced", "synced", "synced", "synced", "synced"]);
  });
});
