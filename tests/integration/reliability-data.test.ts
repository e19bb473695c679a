import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { isoWithOffset } from "../../shared/response.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import type { Queryable } from "../../sync-server/db.ts";
import { listKioskDetails, listSiteDetails } from "../../sync-server/queries/dashboard-lists.ts";
import {
  findSeqGaps,
  findSeqRuns,
  listKioskHealth,
  recordSync,
  type SyncObservation,
} from "../../sync-server/queries/kiosk-health.ts";
import { kioskHealthRows } from "../../sync-server/reports/kiosk-health.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let municipalityId: string;
let siteId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Datakommune" });
  municipalityId = site.municipalityId;
  siteId = site.siteId;
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const minute = 60_000;

/** The test database, with the text of every statement sent through it kept in `statements`. */
function recordingTo(statements: string[]): Queryable {
  return {
    query: ((text: string, values?: unknown[]) => {
      statements.push(text);
      return db.pool.query(text, values);
    }) as Queryable["query"],
  };
}

async function healthRow(kioskId: string) {
  const [sites, kiosks, health, gaps, runs] = await Promise.all([
    listSiteDetails(db.pool, municipalityId, null),
    listKioskDetails(db.pool, municipalityId, null),
    listKioskHealth(db.pool, municipalityId),
    findSeqGaps(db.pool, municipalityId, [kioskId]),
    findSeqRuns(db.pool, municipalityId, [kioskId]),
  ]);
  return kioskHealthRows(kiosks, sites, health, gaps, runs, new Date()).find(
    (row) => row.kioskId === kioskId,
  );
}

describe("a kiosk whose seq restarts (wiped or replaced)", () => {
  it("is shown as restarted, and the old gap 3–4 stays visible after new seqs 1 and 2", async () => {
    const kiosk = await addKiosk(db.pool, { siteId, name: "Nulstillet" });
    const start = Date.now() - 120 * minute;
    const old = [1, 2, 5].map((seq) => samplePayload(seq, {}, start + seq * minute));
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(old))).status).toBe(200);
    expect(await healthRow(kiosk.kioskId)).toMatchObject({
      missing: 2,
      gaps: [{ run: 1, firstMissing: 3, lastMissing: 4 }],
      seqRestarts: 0,
      seqRestartedAt: null,
    });
    // Wiped: the same token, new ids, counting from 1 again, later in time.
    const fresh = [1, 2].map((seq) => samplePayload(seq, {}, start + 60 * minute + seq * minute));
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(fresh))).status).toBe(200);
    const row = await healthRow(kiosk.kioskId);
    expect(row).toMatchObject({
      missing: 2,
      gaps: [{ run: 1, firstMissing: 3, lastMissing: 4 }],
      seqRestarts: 1,
    });
    expect(Date.parse(row?.seqRestartedAt ?? "")).toBe(start + 61 * minute);
    // A gap in the new run is found in that run, not hidden by the old run's numbers.
    const more = [5].map((seq) => samplePayload(seq, {}, start + 70 * minute));
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(more))).status).toBe(200);
    expect(await healthRow(kiosk.kioskId)).toMatchObject({
      missing: 4,
      gaps: [
        { run: 1, firstMissing: 3, lastMissing: 4 },
        { run: 2, firstMissing: 3, lastMissing: 4 },
      ],
      seqRestarts: 1,
    });
  });

  it("is not taken for restarted when late answers fill an old gap", async () => {
    const kiosk = await addKiosk(db.pool, { siteId, name: "Forsinket" });
    const start = Date.now() - 90 * minute;
    const all = [1, 2, 3, 4, 5].map((seq) => samplePayload(seq, {}, start + seq * minute));
    const [one, two, three, four, five] = all;
    if (!one || !two || !three || !four || !five) throw new Error("five payloads");
    await postSync(server.baseUrl, kiosk.token, syncBody([one, two, five]));
    await postSync(server.baseUrl, kiosk.token, syncBody([three, four]));
    expect(await healthRow(kiosk.kioskId)).toMatchObject({ missing: 0, gaps: [], seqRestarts: 0 });
  });
});

describe("a restart is spotted from kiosk_health alone (first_seq_one_id, migration 0021)", () => {
  const observation = (rows: { id: string; seq: number }[]): SyncObservation => ({
    at: new Date(),
    appVersion: null,
    clockOffsetMs: null,
    highestSeq: Math.max(0, ...rows.map((row) => row.seq)),
    insertedRows: rows,
    inserted: rows.length,
    accepted: rows.length,
    duplicates: 0,
    rejected: 0,
  });

  it("without a statement over responses: planning one costs ~45 ms per sync that brings a seq 1", async () => {
    const { kioskId } = await addKiosk(db.pool, { siteId, name: "Genstartet" });
    const statements: string[] = [];
    const recording = recordingTo(statements);
    const kiosk = { municipalityId, siteId, kioskId };
    await recordSync(
      recording,
      kiosk,
      observation([
        { id: newId(), seq: 1 },
        { id: newId(), seq: 2 },
      ]),
    );
    // The kiosk's own first seq 1 is no restart, even when it comes again.
    const first = await db.pool.query<{ id: string }>(
      "select first_seq_one_id::text as id from kiosk_health where kiosk_id = $1",
      [kioskId],
    );
    await recordSync(recording, kiosk, observation([{ id: first.rows[0]?.id ?? "", seq: 1 }]));
    expect(await healthRow(kioskId)).toMatchObject({ seqRestarts: 0, seqRestartedAt: null });
    await recordSync(recording, kiosk, observation([{ id: newId(), seq: 1 }]));
    expect(statements.filter((text) => /\bresponses\b/.test(text))).toEqual([]);
    const health = await listKioskHealth(db.pool, municipalityId);
    expect(health.find((row) => row.kioskId === kioskId)?.seqRestartSeenAt).not.toBeNull();
  });

  it("when one sync brings two seq 1 under different ids, the kiosk's first", async () => {
    const kiosk = await addKiosk(db.pool, { siteId, name: "Dobbelt start" });
    const start = Date.now() - 30 * minute;
    const twice = [1, 2, 1].map((seq, i) => samplePayload(seq, {}, start + i * minute));
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(twice))).status).toBe(200);
    expect(await healthRow(kiosk.kioskId)).toMatchObject({ seqRestarts: 1 });
  });
});

describe("a healthy kiosk's sync reply", () => {
  it("asks only kiosk_health for its gaps: no statement over responses is planned", async () => {
    // Planning one costs ~50 ms of PostgreSQL CPU per sync with 10 years of monthly partitions.
    const kiosk = await addKiosk(db.pool, { siteId, name: "Sund" });
    const payloads = [1, 2, 3].map((seq) => samplePayload(seq, {}, Date.now() - seq * minute));
    expect((await postSync(server.baseUrl, kiosk.token, syncBody(payloads))).status).toBe(200);
    const statements: string[] = [];
    const recording = recordingTo(statements);
    expect(await findSeqGaps(recording, municipalityId, [kiosk.kioskId])).toEqual([]);
    expect(await findSeqRuns(recording, municipalityId, [kiosk.kioskId])).toEqual([]);
    expect(statements).toHaveLength(2);
    for (const text of statements) expect(text).not.toMatch(/\bresponses\b/);
  });
});

describe("a kiosk clock far off", () => {
  it("stores a clock offset of more than a year as it is (not clamped at ±24.9 days)", async () => {
    const kiosk = await addKiosk(db.pool, { siteId, name: "Forkert ur" });
    const yearMs = 365 * 24 * 60 * minute;
    const deviceNow = new Date(Date.now() - 2 * yearMs);
    const payload = samplePayload(1);
    const reply = await postSync(
      server.baseUrl,
      kiosk.token,
      syncBody([payload], { sentAt: isoWithOffset(deviceNow, "Europe/Copenhagen") }),
    );
    expect(reply.status).toBe(200);
    const stored = await db.pool.query<{ clock_offset_ms: number }>(
      "select clock_offset_ms from responses where id = $1",
      [payload.id],
    );
    expect(stored.rows[0]?.clock_offset_ms).toBeGreaterThan(2 * yearMs - 10 * minute);
    const health = (await listKioskHealth(db.pool, municipalityId)).find(
      (row) => row.kioskId === kiosk.kioskId,
    );
    expect(health?.clockOffsetMs).toBeGreaterThan(2 * yearMs - 10 * minute);
  });

  it("moves rows of a month beyond the partitions into that month's partition when it is created", async () => {
    const kiosk = await addKiosk(db.pool, { siteId, name: "Fremtid" });
    // 20 months ahead: beyond the year of prepared partitions, so into the default partition.
    const ahead = new Date();
    ahead.setUTCMonth(ahead.getUTCMonth() + 20, 15);
    const early = samplePayload(1, {}, ahead.getTime());
    const sentAt = isoWithOffset(new Date(ahead.getTime() + minute), "Europe/Copenhagen");
    const first = await postSync(server.baseUrl, kiosk.token, syncBody([early], { sentAt }));
    expect(first.status).toBe(200);
    const where = async (id: string) =>
      (
        await db.pool.query<{ partition: string }>(
          "select tableoid::regclass::text as partition from responses where id = $1",
          [id],
        )
      ).rows[0]?.partition;
    expect(await where(early.id)).toBe("responses_other");
    const month = ahead.toISOString().slice(0, 7);
    const created = await db.pool.query<{ created: number }>(
      "select ensure_response_partitions($1::date, $1::date) as created",
      [`${month}-01`],
    );
    expect(created.rows[0]?.created).toBe(1);
    const partition = `responses_p${month.replace("-", "")}`;
    expect(await where(early.id)).toBe(partition);
    // Later rows of that month land in its partition too, and the moved row is still whole.
    const later = samplePayload(2, {}, ahead.getTime() + minute);
    await postSync(server.baseUrl, kiosk.token, syncBody([later], { sentAt }));
    expect(await where(later.id)).toBe(partition);
    const resent = await postSync(server.baseUrl, kiosk.token, syncBody([early], { sentAt }));
    expect(resent.body).toMatchObject({ duplicates: [early.id] });
  });
});
