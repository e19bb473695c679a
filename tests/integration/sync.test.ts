import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { addKiosk, addSite, revokeKioskById } from "../../sync-server/admin/verbs.ts";
import { createPool } from "../../sync-server/db.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { findSeqGaps, listKioskHealth } from "../../sync-server/queries/kiosk-health.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
type Kiosk = { kioskId: string; siteId: string; token: string };
let kioskA: Kiosk;
let kioskB: Kiosk;
let municipalityId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Synckommune" });
  municipalityId = site.municipalityId;
  const other = await addSite(db.pool, { name: "Biblioteket", municipality: "Synckommune" });
  kioskA = await addKiosk(db.pool, { siteId: site.siteId, name: "A" });
  kioskB = await addKiosk(db.pool, { siteId: other.siteId, name: "B" });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Reply = {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string; code: string; message: string }[];
  serverTime: string;
};

async function sync(kiosk: Kiosk, responses: unknown[], headers: Record<string, string> = {}) {
  const result = await postSync(server.baseUrl, kiosk.token, syncBody(responses), headers);
  expect(result.status).toBe(200);
  return result.body as unknown as Reply;
}

async function storedRows(ids: string[]) {
  const result = await db.pool.query(
    `select id, kiosk_id, site_id, seq, improve_text, clock_offset_ms, local_date, local_hour,
            got_help, improve_reasons
     from responses where id = any ($1::uuid[]) order by seq`,
    [ids],
  );
  return result.rows as Record<string, unknown>[];
}

describe("POST /api/v1/sync", () => {
  let first: ReturnType<typeof samplePayload>[] = [];

  it("stores a batch as typed rows on the token's kiosk, scrubbed, and records health", async () => {
    first = [1, 2, 3].map((seq) => samplePayload(seq));
    const withCpr = first[2];
    if (withCpr) withCpr.answers.improve_text = "Ring på 20 30 40 50 eller skriv til a@b.dk";
    const reply = await sync(kioskA, first, { "X-Kiosk-Version": "0.9.1" });
    expect(reply).toMatchObject({ accepted: first.map((p) => p.id), duplicates: [], rejected: [] });
    expect(Math.abs(Date.parse(reply.serverTime) - Date.now())).toBeLessThan(5000);
    const rows = await storedRows(first.map((p) => p.id));
    expect(rows.map((row) => row.kiosk_id)).toEqual([
      kioskA.kioskId,
      kioskA.kioskId,
      kioskA.kioskId,
    ]);
    expect(rows[0]).toMatchObject({
      site_id: kioskA.siteId,
      got_help: "yes",
      improve_reasons: ["shorter_wait"],
    });
    expect(rows[2]?.improve_text).toBe("Ring på [telefon] eller skriv til [e-mail]");
    expect(Math.abs(Number(rows[0]?.clock_offset_ms))).toBeLessThan(5000);
    const [health] = await listKioskHealth(db.pool, municipalityId);
    expect(health).toMatchObject({
      kioskId: kioskA.kioskId,
      appVersion: "0.9.1",
      highestSeq: 3,
      storedCount: 3,
      missing: 0,
      lastAccepted: 3,
    });
  });

  it("answers a resend of the same content with duplicates, even after scrubbing", async () => {
    const reply = await sync(kioskA, first);
    expect(reply).toMatchObject({ accepted: [], duplicates: first.map((p) => p.id), rejected: [] });
    const [health] = await listKioskHealth(db.pool, municipalityId);
    expect(health).toMatchObject({ storedCount: 3, lastDuplicates: 3, appVersion: "0.9.1" });
  });

  it("rejects the same id with other content as a conflict; the stored one stands", async () => {
    const original = first[0];
    if (!original) throw new Error("no first batch");
    const changed = { ...original, answers: { ...original.answers, got_help: "no" as const } };
    const reply = await sync(kioskA, [changed]);
    expect(reply.rejected).toEqual([
      { id: original.id, code: "conflict", message: expect.any(String) },
    ]);
    expect((await storedRows([original.id]))[0]?.got_help).toBe("yes");
  });

  it("stores the new responses of a batch that also resends stored ones, counting each once", async () => {
    const kiosk = await addKiosk(db.pool, { siteId: kioskA.siteId, name: "C" });
    const [one, two, three] = [1, 2, 3].map((seq) => samplePayload(seq));
    if (!one || !two || !three) throw new Error("no payloads");
    expect((await sync(kiosk, [one])).accepted).toEqual([one.id]);
    // The reply to [one] was lost, so it comes again, beside a new response and a changed id.
    const changedOne = { ...one, answers: { ...one.answers, got_help: "no" as const } };
    const mixed = await sync(kiosk, [two, one, three]);
    expect(mixed).toMatchObject({
      accepted: [two.id, three.id],
      duplicates: [one.id],
      rejected: [],
    });
    const conflict = await sync(kiosk, [changedOne, samplePayload(4)]);
    expect(conflict.rejected.map((r) => [r.id, r.code])).toEqual([[one.id, "conflict"]]);
    expect(conflict.accepted).toHaveLength(1);
    const counted = await db.pool.query(
      `select (select sum(responses)::int from rollup_kiosk_daily where kiosk_id = $1) as rollup,
              (select sum(responses)::int from rollup_site_daily where site_id = $2) as site,
              (select count(*)::int from responses where kiosk_id = $1) as kiosk_rows,
              (select count(*)::int from responses where site_id = $2) as site_rows`,
      [kiosk.kioskId, kioskA.siteId],
    );
    const [totals] = counted.rows;
    expect(totals).toMatchObject({ rollup: 4, kiosk_rows: 4 });
    expect(totals?.site).toBe(totals?.site_rows);
    const health = (await listKioskHealth(db.pool, municipalityId)).find(
      (h) => h.kioskId === kiosk.kioskId,
    );
    expect(health).toMatchObject({ storedCount: 4, highestSeq: 4, missing: 0 });
  });

  it("accepts the valid neighbours of invalid items, each with its own code", async () => {
    const good = [samplePayload(10), samplePayload(13)];
    const bad: [unknown, string][] = [
      [{ ...samplePayload(11), id: "not-a-uuid" }, "invalid_id"],
      [{ ...samplePayload(11), id: "0b6e0ad1-7a4c-4f3e-9d2b-6f0e8c1a2b3c" }, "id_not_uuidv7"],
      [{ ...samplePayload(11), seq: 0 }, "invalid_seq"],
      [{ ...samplePayload(11), seq: "11" }, "invalid_seq"],
      [{ ...samplePayload(11), questionnaire: 99 }, "unknown_questionnaire"],
      [{ ...samplePayload(11), status: "in_progress" }, "invalid_status"],
      [{ ...samplePayload(11), startedAt: "2026-11-23T10:15:02" }, "invalid_timestamp"],
      [{ ...samplePayload(11), startedAt: "2026-02-30T10:15:02+01:00" }, "invalid_timestamp"],
      [{ ...samplePayload(11), answers: { mood: "happy" } }, "unknown_question"],
      [{ ...samplePayload(11), answers: { got_help: "maybe" } }, "unknown_answer"],
      [{ ...samplePayload(11), answers: { got_help: true } }, "unknown_answer"],
      [
        { ...samplePayload(11), answers: { sent_on: "no", referred_ok: "yes" } },
        "referred_ok_without_sent_on",
      ],
      [
        { ...samplePayload(11), answers: { improve: "nothing", improve_text: "x" } },
        "improve_detail_without_could_be_better",
      ],
      [
        {
          ...samplePayload(11),
          answers: { improve: "could_be_better", improve_text: "å".repeat(501) },
        },
        "text_too_long",
      ],
      [{ ...samplePayload(11), flags: ["vip"] }, "invalid_flag"],
      [{ ...samplePayload(11), extra: 1 }, "invalid_response"],
      ["just a string", "invalid_id"],
    ];
    const reply = await sync(kioskA, [good[0], ...bad.map(([item]) => item), good[1]]);
    expect(reply.accepted).toEqual(good.map((p) => p.id));
    expect(reply.duplicates).toEqual([]);
    expect(reply.rejected.map((r) => r.code)).toEqual(bad.map(([, code]) => code));
    for (const rejection of reply.rejected) expect(rejection.message.length).toBeGreaterThan(15);
    // A 500-character text in Danish letters fits.
    const long = samplePayload(14, {
      answers: { improve: "could_be_better", improve_text: "æ".repeat(500) },
    });
    expect((await sync(kioskA, [long])).accepted).toEqual([long.id]);
  });

  it("lists an id sent twice in one request once: same content accepted, different a conflict", async () => {
    const same = samplePayload(20);
    const twice = samplePayload(21);
    const reply = await sync(kioskA, [same, same, twice, { ...twice, seq: 22 }]);
    expect(reply.accepted).toEqual([same.id]);
    expect(reply.rejected).toEqual([
      { id: twice.id, code: "conflict", message: expect.any(String) },
    ]);
    expect(await storedRows([twice.id])).toEqual([]);
  });

  it("writes only for the token's own kiosk", async () => {
    const payload = samplePayload(15);
    const asB = await postSync(
      server.baseUrl,
      kioskA.token,
      syncBody([payload], { kioskId: kioskB.kioskId }),
    );
    expect(asB.status).toBe(403);
    expect(asB.body).toMatchObject({ error: { code: "forbidden" } });
    const own = await postSync(
      server.baseUrl,
      kioskA.token,
      syncBody([payload], { kioskId: kioskA.kioskId }),
    );
    expect(own.status).toBe(200);
    // Kiosk B resending A's response (same id and content) cannot claim it.
    const stolen = await sync(kioskB, [payload]);
    expect(stolen.rejected.map((r) => r.code)).toEqual(["conflict"]);
    expect((await storedRows([payload.id]))[0]?.kiosk_id).toBe(kioskA.kioskId);
  });

  it("takes a batch of 1,000 in one request", async () => {
    const batch = Array.from({ length: 1000 }, (_, i) =>
      samplePayload(1000 + i, {}, Date.now() - 600_000 + i),
    );
    const reply = await sync(kioskB, batch);
    expect(reply.accepted).toHaveLength(1000);
    const count = await db.pool.query("select count(*) as n from responses where kiosk_id = $1", [
      kioskB.kioskId,
    ]);
    expect(count.rows[0]?.n).toBe(1000);
  });

  it("finds gaps in a kiosk's seq", async () => {
    const gaps = await findSeqGaps(db.pool, municipalityId, [kioskA.kioskId]);
    // Kiosk A stored 1–3, 10, 13–15, 20: missing 4–9, 11–12, 16–19.
    expect(gaps.map((g) => [g.firstMissing, g.lastMissing])).toEqual([
      [4, 9],
      [11, 12],
      [16, 19],
    ]);
    const [health] = (await listKioskHealth(db.pool, municipalityId)).filter(
      (h) => h.kioskId === kioskA.kioskId,
    );
    expect(health).toMatchObject({ highestSeq: 20, storedCount: 8, missing: 12 });
  });

  it("counts what it ingests in /metrics", async () => {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(text).toMatch(/borgerpuls_ingest_responses_total\{outcome="accepted"\} [1-9]\d*/);
    expect(text).toMatch(/borgerpuls_ingest_batches_total [1-9]/);
  });
});

describe("whole-request errors, all in the one error shape", () => {
  const cases: [
    string,
    () => Promise<{ status: number; body: Record<string, unknown> }>,
    number,
    string,
  ][] = [
    [
      "unparseable JSON",
      () => postSync(server.baseUrl, kioskA.token, '{"sentAt": '),
      400,
      "invalid_json",
    ],
    [
      "no responses array",
      () => postSync(server.baseUrl, kioskA.token, { sentAt: new Date().toISOString() }),
      400,
      "invalid_request",
    ],
    [
      "responses not an array",
      () => postSync(server.baseUrl, kioskA.token, syncBody([], { responses: {} as unknown[] })),
      400,
      "invalid_request",
    ],
    [
      "a body that is an array",
      () => postSync(server.baseUrl, kioskA.token, [samplePayload(1)]),
      400,
      "invalid_request",
    ],
    [
      "no sentAt",
      () => postSync(server.baseUrl, kioskA.token, { responses: [] }),
      400,
      "invalid_request",
    ],
    [
      "not JSON at all",
      () => postSync(server.baseUrl, kioskA.token, "hello", { "content-type": "text/plain" }),
      400,
      "invalid_request",
    ],
    [
      "over 1,000 responses",
      () =>
        postSync(server.baseUrl, kioskA.token, syncBody(Array.from({ length: 1001 }, () => ({})))),
      413,
      "payload_too_large",
    ],
    [
      "a body over 4 MiB",
      () =>
        postSync(server.baseUrl, kioskA.token, syncBody([{ pad: "x".repeat(4.5 * 1024 * 1024) }])),
      413,
      "payload_too_large",
    ],
    ["no token", () => postSync(server.baseUrl, undefined, syncBody([])), 401, "unauthorized"],
    [
      "an unknown token",
      () =>
        postSync(
          server.baseUrl,
          `bpk_${newId().replaceAll("-", "")}_${"a".repeat(43)}`,
          syncBody([]),
        ),
      401,
      "unauthorized",
    ],
  ];
  for (const [name, send, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const result = await send();
      expect(result.status).toBe(status);
      expect(result.body).toEqual({ error: { code, message: expect.any(String) } });
    });
  }

  it("a revoked token → 401, and nothing is stored", async () => {
    const site = await addSite(db.pool, { name: "Lukket", municipality: "Synckommune" });
    const gone = await addKiosk(db.pool, { siteId: site.siteId });
    await revokeKioskById(db.pool, gone.kioskId);
    const payload = samplePayload(1);
    const result = await postSync(server.baseUrl, gone.token, syncBody([payload]));
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({
      error: { code: "unauthorized", message: expect.stringMatching(/revoked/) },
    });
    expect(await storedRows([payload.id])).toEqual([]);
  });
});

describe("when the database cannot be reached", () => {
  it("answers 503 database_unavailable, so the kiosk retries later", async () => {
    const deadPool = createPool(`postgresql://nobody:x@127.0.0.1:${await freePort()}/none`, 1);
    const deadServer = await startTestServer(deadPool);
    try {
      const result = await postSync(deadServer.baseUrl, kioskA.token, syncBody([samplePayload(1)]));
      expect(result.status).toBe(503);
      expect(result.body).toMatchObject({ error: { code: "database_unavailable" } });
    } finally {
      await deadServer.close();
      await deadPool.end();
    }
  });
});
