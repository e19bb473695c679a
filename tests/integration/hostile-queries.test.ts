import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCatalogue } from "../../shared/errors.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { fuzzedQuery } from "../helpers/query-fuzz.ts";
import { samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let fx: Awaited<ReturnType<typeof twoSiteFixture>>;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  fx = await twoSiteFixture(db.pool);
  await storeInterviews(
    db.pool,
    { municipalityId: fx.municipalityId, siteId: fx.siteA.siteId, kioskId: fx.kioskA.kioskId },
    [interview(1, new Date("2026-03-02T09:15:00Z"), { got_help: "yes" })],
  );
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

function get(path: string) {
  return fetch(`${server.baseUrl}/api/v1/${path}`, {
    headers: { authorization: `Bearer ${fx.analyst.token}` },
  });
}

/** Every endpoint that reads a date range, and how it names its dates. */
const dateEndpoints = [
  (from: string, to: string) => `report?from=${from}&to=${to}`,
  (from: string) => `dashboard/today?date=${from}`,
  (from: string, to: string) => `dashboard/trend?from=${from}&to=${to}`,
  (from: string, to: string) => `dashboard/heatmap?from=${from}&to=${to}`,
  (from: string, to: string) => `dashboard/compare?from=${from}&to=${to}`,
  (from: string, to: string) => `dashboard/comments?from=${from}&to=${to}`,
  (from: string, to: string) => `export/responses/count?from=${from}&to=${to}`,
  (from: string, to: string) => `export/responses.csv?from=${from}&to=${to}`,
  (from: string, to: string) => `export/figures.csv?from=${from}&to=${to}`,
  (from: string, to: string) => `export/figures.csv?from=${from}&to=${to}&by=month`,
];

describe("hostile dates are 400s with a reason, on every date endpoint", () => {
  const ranges = [
    ["0000-01-01", "0000-01-02"],
    ["0000-01-01", "2026-03-02"],
    ["1969-12-31", "1970-01-01"],
    ["9999-12-30", "9999-12-31"],
    ["10000-01-01", "10000-01-02"],
    ["-0001-01-01", "2026-01-01"],
    ["2026-02-30", "2026-03-01"],
  ] as const;
  for (const endpoint of dateEndpoints) {
    it(endpoint("…", "…"), async () => {
      for (const [from, to] of ranges) {
        const response = await get(endpoint(from, to));
        const body = (await response.json()) as { error?: { code: string; message: string } };
        expect(response.status, `${from}…${to}`).toBe(400);
        expect(body.error?.code).toMatch(/^invalid_(report_query|request)$/);
        expect(body.error?.message).toMatch(/date/);
      }
    });
  }

  it("still answers for the first and last dates it allows", async () => {
    for (const endpoint of dateEndpoints) {
      const first = await get(endpoint("1970-01-01", "1970-01-02"));
      expect(first.status, endpoint("1970-01-01", "1970-01-02")).toBe(200);
      await first.arrayBuffer();
      const last = await get(endpoint("9998-12-30", "9998-12-31"));
      expect(last.status, endpoint("9998-12-30", "9998-12-31")).toBe(200);
      await last.arrayBuffer();
    }
  });
});

describe("fuzzed report, dashboard and export query parameters", () => {
  it("never answers 5xx, and every 4xx has a code and a reason", async () => {
    const fivehundreds: string[] = [];
    let requests = 0;
    const ids = [fx.siteA.siteId, fx.siteB.siteId, fx.kioskA.kioskId, fx.kioskB.kioskId];
    await fc.assert(
      fc.asyncProperty(fuzzedQuery(ids), async (pathAndQuery) => {
        const response = await get(pathAndQuery);
        requests += 1;
        const text = await response.text();
        if (response.status >= 500) fivehundreds.push(`${response.status} ${pathAndQuery}`);
        if (response.status >= 400) {
          const body = JSON.parse(text) as { error: { code: string; message: string } };
          expect(Object.hasOwn(errorCatalogue, body.error.code)).toBe(true);
          expect(body.error.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: 1313, numRuns: 1200 },
    );
    expect(requests).toBe(1200);
    expect(fivehundreds).toEqual([]);
  }, 120_000);
});

describe("bodies whose Content-Encoding lies", () => {
  async function postEncoded(encoding: string, body: Uint8Array) {
    const response = await fetch(`${server.baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-encoding": encoding,
        authorization: `Bearer ${fx.kioskA.token}`,
      },
      // A copy on its own ArrayBuffer: what fetch's types accept.
      body: new Uint8Array(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { error?: { code: string } },
    };
  }

  it.each([
    ["gzip", Buffer.from("this is not gzip")],
    ["gzip", gzipSync(JSON.stringify(syncBody([]))).subarray(0, 12)],
    ["deflate", Buffer.from("nor deflate")],
    ["br", Buffer.from("nor brotli, really not")],
  ])("a corrupt %s body is 400 invalid_encoding", async (encoding, bytes) => {
    const reply = await postEncoded(encoding, bytes);
    expect(reply).toMatchObject({ status: 400, body: { error: { code: "invalid_encoding" } } });
  });

  it("a good gzip body is read, and a gzip bomb is stopped by the decoded size", async () => {
    const good = await postEncoded("gzip", gzipSync(JSON.stringify(syncBody([samplePayload(1)]))));
    expect(good.status).toBe(200);
    const bomb = gzipSync(
      `{"sentAt":"2026-03-02T10:00:00+01:00","responses":[],"x":"${"0".repeat(64 * 1024 * 1024)}"}`,
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const reply = await postEncoded("gzip", bomb);
    expect(reply).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
  });
});

describe("a huge string where an id belongs", () => {
  it("is refused with a message that does not echo it", async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${fx.kioskA.token}`,
      },
      body: JSON.stringify(syncBody([], { kioskId: "k".repeat(1_000_000) })),
    });
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(text.length).toBeLessThan(1000);
  });
});
