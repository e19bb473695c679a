import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questions, questionsOf } from "../../shared/questionnaire.ts";
import { addApiToken, addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { projectRoot } from "../../sync-server/frontends.ts";
import { answeredAnything } from "../../sync-server/queries/rollup-columns.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Issue 11, what was seen 2, on the server: an interview with no answer (sent by a kiosk from
 * before the fix) is stored, so its seq closes the gap, but counted nowhere.
 */
let db: TestDatabase;
let server: TestServer;
let authorization: string;
let siteId: string;

const migration = fs.readFileSync(
  `${projectRoot}db/migrations/0013_unanswered_not_counted.sql`,
  "utf8",
);

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Rådhuset", municipality: "Testkommune" });
  siteId = site.siteId;
  const kiosk = await addKiosk(db.pool, { siteId: site.siteId });
  authorization = `Bearer ${(await addApiToken(db.pool, { role: "analyst", siteIds: [] })).token}`;
  const at = Date.now() - 3_600_000;
  const reply = await postSync(
    server.baseUrl,
    kiosk.token,
    syncBody([
      samplePayload(1, {}, at),
      samplePayload(2, { status: "abandoned", answers: {} }, at + 60_000),
      samplePayload(3, { status: "abandoned", answers: { got_help: "no" } }, at + 120_000),
      samplePayload(4, { status: "abandoned", answers: {} }, at + 180_000),
    ]),
  );
  expect(reply.status).toBe(200);
  expect(reply.body.accepted).toHaveLength(4);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

async function reportResponses(): Promise<number> {
  const dates = await db.pool.query<{ from: string; to: string }>(
    `select min(local_date)::text as "from", max(local_date)::text as "to" from responses`,
  );
  const { from, to } = dates.rows[0] ?? { from: "", to: "" };
  // One site's report reads rollup_site_daily, the table migration 0013 recounts (the all-sites
  // one reads rollup_municipality_daily, which migration 0016 fills from it afterwards).
  const url = `${server.baseUrl}/api/v1/report?from=${from}&to=${to}&site=${siteId}`;
  const response = await fetch(url, {
    headers: { authorization },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { responses: number }).responses;
}

async function rollupTotals(): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const table of ["rollup_site_daily", "rollup_kiosk_daily", "rollup_hourly"]) {
    const result = await db.pool.query<{ responses: number; abandoned: number }>(
      `select coalesce(sum(responses), 0)::int as responses, coalesce(sum(abandoned), 0)::int as abandoned from ${table}`,
    );
    totals[`${table}.responses`] = result.rows[0]?.responses ?? -1;
    totals[`${table}.abandoned`] = result.rows[0]?.abandoned ?? -1;
  }
  return totals;
}

const expected = {
  "rollup_site_daily.responses": 2,
  "rollup_site_daily.abandoned": 1,
  "rollup_kiosk_daily.responses": 2,
  "rollup_kiosk_daily.abandoned": 1,
  "rollup_hourly.responses": 2,
  "rollup_hourly.abandoned": 1,
};

describe("responses that answer nothing", () => {
  it("are stored (no seq gap) but counted in no rollup and no report", async () => {
    const stored = await db.pool.query<{ n: number }>("select count(*)::int as n from responses");
    expect(stored.rows[0]?.n).toBe(4);
    expect(await rollupTotals()).toEqual(expected);
    expect(await reportResponses()).toBe(2);
  });

  it("migration 0013 recounts rollups written before the fix, and is the same rule", async () => {
    // As the rollups were before: every stored response counted.
    await db.pool.query(
      "update rollup_site_daily set responses = responses + 2, abandoned = abandoned + 2",
    );
    await db.pool.query(
      "update rollup_kiosk_daily set responses = responses + 2, abandoned = abandoned + 2",
    );
    await db.pool.query(
      "update rollup_hourly set responses = responses + 1, abandoned = abandoned + 1",
    );
    expect(await reportResponses()).toBe(4);
    await db.pool.query(migration);
    expect(await rollupTotals()).toEqual(expected);
    expect(await reportResponses()).toBe(2);
    const squash = (sql: string) => sql.replace(/\s+/g, " ").trim();
    // 0013 names the columns of its day (version 1's questions); later versions only add some.
    const versionOne = `num_nonnulls(${questionsOf(1)
      .map((question) => question.code)
      .join(", ")}) > 0`;
    expect(squash(migration)).toContain(versionOne);
    expect(squash(answeredAnything)).toBe(
      `num_nonnulls(${questions.map((question) => question.code).join(", ")}) > 0`,
    );
  });
});
