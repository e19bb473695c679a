import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../shared/response.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import type { Report } from "../../sync-server/reports/report.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let f: Awaited<ReturnType<typeof twoSiteFixture>>;
let newYork: { siteId: string; kioskId: string; token: string };

const yes: Answers = {
  got_help: "yes",
  guidance: "very_good",
  seen_heard: "yes",
  improve: "nothing",
};
const no: Answers = {
  got_help: "no",
  guidance: "poor",
  seen_heard: "no",
  improve: "could_be_better",
};
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  f = await twoSiteFixture(db.pool);
  const kioskA = {
    municipalityId: f.municipalityId,
    siteId: f.siteA.siteId,
    kioskId: f.kioskA.kioskId,
  };
  const kioskB = {
    municipalityId: f.municipalityId,
    siteId: f.siteB.siteId,
    kioskId: f.kioskB.kioskId,
  };
  // Site A, 2 March: 12 answers (10 yes, 2 no); 3 March: 3 answers; and 4 suspect "no"s.
  await storeInterviews(db.pool, kioskA, [
    ...Array.from({ length: 10 }, (_, i) =>
      interview(i + 1, at(`2026-03-02T10:${10 + i}:00Z`), yes),
    ),
    interview(11, at("2026-03-02T11:00:00Z"), no),
    interview(12, at("2026-03-02T11:05:00Z"), no),
    interview(13, at("2026-03-03T10:00:00Z"), yes),
    interview(14, at("2026-03-03T10:05:00Z"), yes),
    interview(15, at("2026-03-03T10:10:00Z"), no),
    ...Array.from({ length: 4 }, (_, i) =>
      interview(16 + i, at(`2026-03-02T12:0${i}:00Z`), no, { flags: ["suspect"] }),
    ),
  ]);
  // Site B: 5 answers on 2 March.
  await storeInterviews(
    db.pool,
    kioskB,
    Array.from({ length: 5 }, (_, i) => interview(i + 1, at(`2026-03-02T09:0${i}:00Z`), no)),
  );
  // A site in New York: local dates differ from UTC and from Copenhagen.
  const site = await addSite(db.pool, { name: "NYC desk", timezone: "America/New_York" });
  const kiosk = await addKiosk(db.pool, { siteId: site.siteId });
  newYork = { siteId: site.siteId, kioskId: kiosk.kioskId, token: kiosk.token };
  await storeInterviews(
    db.pool,
    { municipalityId: f.municipalityId, siteId: site.siteId, kioskId: kiosk.kioskId },
    [
      // 2 March 23:30 in Copenhagen, 17:30 in New York: 2 March there.
      interview(1, at("2026-03-02T22:30:00Z"), yes),
      // 3 March 03:59 UTC = 2 March 22:59 in New York (EST, UTC−5).
      interview(2, at("2026-03-03T03:59:00Z"), yes),
      // 3 March 05:00 UTC = 3 March 00:00 in New York.
      interview(3, at("2026-03-03T05:00:00Z"), no),
      // Across the US DST change (8 March 2026): 9 March 03:30 UTC = 8 March 23:30 EDT (UTC−4).
      interview(4, at("2026-03-09T03:30:00Z"), yes),
      // 9 March 04:00 UTC = 9 March 00:00 EDT.
      interview(5, at("2026-03-09T04:00:00Z"), no),
    ],
  );
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

async function get(
  query: string,
  headers: Record<string, string> = { authorization: `Bearer ${f.analyst.token}` },
) {
  return fetch(`${server.baseUrl}/api/v1/report?${query}`, { headers });
}
async function report(query: string, token = f.analyst.token): Promise<Report> {
  const response = await get(query, { authorization: `Bearer ${token}` });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Report;
}

describe("GET /api/v1/report", () => {
  it("leaves suspect responses out unless includeSuspect=true", async () => {
    const plain = await report(`from=2026-03-02&to=2026-03-03&site=${f.siteA.siteId}`);
    expect(plain.responses).toBe(15);
    expect(plain.questions.got_help.counts).toEqual({ yes: 12, no: 3 });
    const all = await report(
      `from=2026-03-02&to=2026-03-03&site=${f.siteA.siteId}&includeSuspect=true`,
    );
    expect(all.responses).toBe(19);
    expect(all.questions.got_help.counts).toEqual({ yes: 12, no: 7 });
    expect(all.includeSuspect).toBe(true);
  });

  it("shows a group of k or more in full, however small a result", async () => {
    const r = await report(`from=2026-03-02&to=2026-03-02&site=${f.siteA.siteId}`);
    expect(r.disclosure).toEqual({ k: 5 });
    expect(r.questions.got_help).toMatchObject({
      n: 12,
      suppressed: false,
      counts: { yes: 10, no: 2 },
      percent: { yes: 83.3, no: 16.7 },
    });
    expect(r.questions.got_help.ci95.no).not.toBeNull();
  });

  it("hides a small day, its neighbour that would give it away, and the small day alone", async () => {
    const r = await report(`from=2026-03-02&to=2026-03-03&site=${f.siteA.siteId}`);
    // The whole selection: 15 answers, shown with its small count.
    expect(r.questions.got_help.counts).toEqual({ yes: 12, no: 3 });
    const [day1, day2] = r.daily;
    expect(day1?.date).toBe("2026-03-02");
    expect(day1?.responses).toBe(12);
    expect(day2?.responses).toBe(3);
    // 3 March has 3 answers: hidden. 2 March would be the selection minus 3 March: hidden too.
    expect(day2?.questions.got_help).toMatchObject({
      n: null,
      suppressed: true,
      counts: { yes: null, no: null },
      percent: { yes: null, no: null },
    });
    expect(day1?.questions.got_help).toMatchObject({ n: null, suppressed: true });
    // Nobody was sent on: no answers, nothing to hide, no percentage.
    expect(day1?.questions.sent_on).toMatchObject({
      n: 0,
      suppressed: false,
      percent: { yes: null },
    });
    // Asking for the hidden day as the whole selection does not show it either.
    const alone = await report(`from=2026-03-03&to=2026-03-03&site=${f.siteA.siteId}`);
    expect(alone.questions.got_help).toMatchObject({ n: null, suppressed: true });
    expect(alone.responses).toBe(3);
  });

  it("counts by the site's local date, inclusive, across midnight and DST", async () => {
    const site = `site=${newYork.siteId}`;
    // Response counts, never hidden, show which local date each answer fell on (the figures of
    // such small days are hidden by the disclosure rule).
    const march2 = await report(`from=2026-03-02&to=2026-03-02&${site}`);
    expect(march2.responses).toBe(2);
    const march3 = await report(`from=2026-03-03&to=2026-03-03&${site}`);
    expect(march3.responses).toBe(1);
    const march8 = await report(`from=2026-03-08&to=2026-03-08&${site}`);
    expect(march8.responses).toBe(1);
    const march9 = await report(`from=2026-03-09&to=2026-03-09&${site}`);
    expect(march9.responses).toBe(1);
    const all = await report(`from=2026-03-01&to=2026-03-31&${site}`);
    expect(all.daily.map((d) => [d.date, d.responses])).toEqual([
      ["2026-03-02", 2],
      ["2026-03-03", 1],
      ["2026-03-08", 1],
      ["2026-03-09", 1],
    ]);
    expect(all.questions.got_help.counts).toEqual({ yes: 3, no: 2 });
    const hours = await db.pool.query<{ h: number }>(
      "select local_hour as h from rollup_hourly where site_id = $1 order by local_date, local_hour",
      [newYork.siteId],
    );
    expect(hours.rows.map((row) => row.h)).toEqual([17, 22, 0, 23, 0]);
  });

  it("filters by kiosk", async () => {
    const r = await report(`from=2026-03-01&to=2026-03-31&kiosk=${f.kioskB.kioskId}`);
    expect(r.responses).toBe(5);
    expect(r.kiosk).toBe(f.kioskB.kioskId);
  });

  it("shows a chief only their sites, and refuses another site's data with 403", async () => {
    const own = await report("from=2026-03-01&to=2026-03-31", f.chiefA.token);
    expect(own.responses).toBe(15);
    for (const query of [`site=${f.siteB.siteId}`, `kiosk=${f.kioskB.kioskId}`]) {
      const response = await get(`from=2026-03-01&to=2026-03-31&${query}`, {
        authorization: `Bearer ${f.chiefA.token}`,
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
  });

  it("refuses another site to a logged-in chief too (session cookie)", async () => {
    await addUser(db.pool, {
      email: "chef@test.dk",
      role: "chief",
      siteIds: [f.siteA.siteId],
      password: "en lang adgangskode",
    });
    const login = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "chef@test.dk", password: "en lang adgangskode" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await get("from=2026-03-01&to=2026-03-31", { cookie })).status).toBe(200);
    const other = await get(`from=2026-03-01&to=2026-03-31&site=${f.siteB.siteId}`, { cookie });
    expect(other.status).toBe(403);
  });

  it("answers 404 for a site of no one's, and 401 without credentials", async () => {
    const unknown = await get(
      "from=2026-03-01&to=2026-03-31&site=0194f3c2-0000-7000-8000-000000000000",
    );
    expect(unknown.status).toBe(404);
    expect((await get("from=2026-03-01&to=2026-03-31", {})).status).toBe(401);
  });

  it("explains bad parameters with 400", async () => {
    const cases: [string, RegExp][] = [
      ["to=2026-03-31", /from is required/],
      ["from=2026-02-30&to=2026-03-31", /from must be a date like/],
      ["from=2026-03-31&to=2026-03-01", /before from/],
      ["from=2020-01-01&to=2026-03-01", /at most/],
      ["from=2026-03-01&to=2026-03-31&site=7", /site must be an id/],
      ["from=2026-03-01&to=2026-03-31&includeSuspect=yes", /true or false/],
      ["from=2026-03-01&to=2026-03-31&site_id=x", /Unknown parameter site_id/],
      ["from=2026-03-01&from=2026-03-02&to=2026-03-31", /once/],
    ];
    for (const [query, message] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_report_query");
      expect(body.error.message).toMatch(message);
    }
  });

  it("answers an empty range with zero responses and no percentages", async () => {
    const r = await report("from=2025-01-01&to=2025-01-31");
    expect(r.responses).toBe(0);
    expect(r.daily).toEqual([]);
    expect(r.questions.got_help).toEqual({
      n: 0,
      suppressed: false,
      counts: { yes: 0, no: 0 },
      percent: { yes: null, no: null },
      ci95: { yes: null, no: null },
    });
  });
});
