import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../shared/response.ts";
import { isoWeek } from "../../sync-server/export/figures-table.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let fx: Awaited<ReturnType<typeof twoSiteFixture>>;

/** n interviews on a day at a kiosk, the first `yes` of them answering got_help yes. */
function day(date: string, n: number, yes: number, extra: Answers = {}) {
  return Array.from({ length: n }, (_, i) =>
    interview(0, new Date(`${date}T09:${String(i).padStart(2, "0")}:00Z`), {
      got_help: i < yes ? "yes" : "no",
      ...extra,
    }),
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  fx = await twoSiteFixture(db.pool);
  const a = [
    ...day("2026-03-02", 10, 8, { guidance: "very_good" }),
    ...day("2026-03-03", 3, 3),
    ...day("2026-03-10", 6, 6),
  ];
  for (const [i, p] of a.entries()) p.seq = i + 1;
  await storeInterviews(
    db.pool,
    { municipalityId: fx.municipalityId, siteId: fx.siteA.siteId, kioskId: fx.kioskA.kioskId },
    a,
  );
  const b = day("2026-03-02", 7, 1);
  for (const [i, p] of b.entries()) p.seq = i + 1;
  await storeInterviews(
    db.pool,
    { municipalityId: fx.municipalityId, siteId: fx.siteB.siteId, kioskId: fx.kioskB.kioskId },
    b,
  );
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Row = Record<string, string>;
async function figures(
  query: string,
  token = fx.analyst.token,
): Promise<{ rows: Row[]; response: Response; text: string }> {
  const response = await fetch(`${server.baseUrl}/api/v1/export/figures.csv?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  // response.text() would drop a BOM silently; the bytes show whether one was sent.
  const excel = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(excel ? 3 : 0).toString("utf8");
  const rows = response.ok
    ? (parse(text, { columns: true, delimiter: excel ? ";" : "," }) as Row[])
    : [];
  return { rows, response, text: excel ? `\ufeff${text}` : text };
}
const find = (rows: Row[], match: Partial<Row>) =>
  rows.find((row) => Object.entries(match).every(([k, v]) => row[k] === v));

describe("figures.csv", () => {
  it("by day: a tidy row per answer with n, count, percent and the Wilson interval", async () => {
    const { rows, response } = await figures(
      `from=2026-03-01&to=2026-03-31&by=day&site=${fx.siteA.siteId}`,
    );
    expect(response.headers.get("content-disposition")).toContain(
      "borgerpuls-tal-pr-dag-borgerservice-aarhus-2026-03-01_2026-03-31.csv",
    );
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "period",
      "site",
      "question",
      "answer",
      "n",
      "count",
      "percent",
      "ci_low",
      "ci_high",
      "suppressed",
      "provisional",
    ]);
    expect(find(rows, { period: "2026-03-02", question: "got_help", answer: "yes" })).toEqual({
      period: "2026-03-02",
      site: "Borgerservice Århus",
      question: "got_help",
      answer: "yes",
      n: "10",
      count: "8",
      percent: "80",
      ci_low: "49",
      ci_high: "94.3",
      suppressed: "0",
      provisional: "0",
    });
    expect(
      find(rows, { period: "2026-03-02", question: "guidance", answer: "top_two" }),
    ).toMatchObject({ count: "10", percent: "100" });
  });

  it("shows small results of a large group, hides small groups and the day that would give them away", async () => {
    const { rows } = await figures(`from=2026-03-01&to=2026-03-31&by=day&site=${fx.siteA.siteId}`);
    // 2 of 10 said no: a finding, shown with its percentage.
    expect(find(rows, { period: "2026-03-02", question: "got_help", answer: "no" })).toMatchObject({
      n: "10",
      count: "2",
      percent: "20",
      suppressed: "0",
    });
    // 3 March has 3 answers: hidden, as empty numeric cells and suppressed = 1.
    expect(find(rows, { period: "2026-03-03", question: "got_help", answer: "yes" })).toEqual(
      expect.objectContaining({ n: "", count: "", percent: "", ci_low: "", suppressed: "1" }),
    );
    // 10 March (6 answers) would be the month minus the shown days: hidden too.
    expect(find(rows, { period: "2026-03-10", question: "got_help", answer: "yes" })).toMatchObject(
      { n: "", count: "", suppressed: "1" },
    );
    // Every numeric cell is a number or empty: pandas and R read the columns as numbers.
    for (const row of rows) {
      for (const column of ["n", "count", "percent", "ci_low", "ci_high"]) {
        expect(row[column] === "" || Number.isFinite(Number(row[column])), column).toBe(true);
      }
    }
  });

  it("names questions and answers in Danish or English with labels=da|en", async () => {
    const da = await figures(`from=2026-03-01&to=2026-03-31&by=month&labels=da`);
    const gotHelp = da.rows.find((row) => row.question?.startsWith("Fik du svar"));
    expect(gotHelp).toMatchObject({ site: "alle steder" });
    expect(new Set(da.rows.map((row) => row.answer))).toContain("Ja");
    expect(new Set(da.rows.map((row) => row.answer))).toContain("Rigtig godt eller godt");
    const en = await figures(`from=2026-03-01&to=2026-03-31&by=month&labels=en`);
    expect(en.rows[0]).toMatchObject({ site: "all sites", answer: "Yes" });
  });

  it("refuses misspelt and unknown parameters with 400, naming them", async () => {
    for (const query of [
      "from=2026-03-01&to=2026-03-31&dialekt=excel-da",
      "from=2026-03-01&to=2026-03-31&labels=de",
      "from=2026-03-01&to=2026-03-31&by=year",
    ]) {
      const { response, text } = await figures(query);
      expect(response.status, query).toBe(400);
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_request");
    }
    const { text } = await figures("from=2026-03-01&to=2026-03-31&dialekt=excel-da");
    expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(/dialekt/);
  });

  it("is in the codebook, and every download is audited", async () => {
    const codebook = await fetch(`${server.baseUrl}/api/v1/export/codebook`, {
      headers: { authorization: `Bearer ${fx.analyst.token}` },
    });
    const body = (await codebook.json()) as { figuresColumns: { name: string }[] };
    expect(body.figuresColumns.map((c) => c.name)).toEqual([
      "period",
      "site",
      "question",
      "answer",
      "n",
      "count",
      "percent",
      "ci_low",
      "ci_high",
      "suppressed",
      "provisional",
    ]);
    const before = await db.pool.query(
      "select count(*)::int as n from audit_log where action = 'export.figures'",
    );
    await figures("from=2026-03-01&to=2026-03-31&by=site");
    const entries = await db.pool.query<{
      details: { parameters: Record<string, string>; rows: number };
    }>("select details from audit_log where action = 'export.figures' order by at desc limit 1");
    const after = await db.pool.query(
      "select count(*)::int as n from audit_log where action = 'export.figures'",
    );
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    expect(entries.rows[0]?.details.parameters).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      by: "site",
    });
    expect(entries.rows[0]?.details.rows).toBeGreaterThan(0);
  });

  it("by week and month sum their days; by site names each site", async () => {
    const week = await figures(`from=2026-03-01&to=2026-03-31&by=week&site=${fx.siteA.siteId}`);
    expect(isoWeek("2026-03-02")).toBe("2026-W10");
    expect(
      find(week.rows, { period: "2026-W10", question: "got_help", answer: "yes" }),
    ).toMatchObject({ n: "13", count: "11" });
    const month = await figures("from=2026-03-01&to=2026-03-31&by=month");
    expect(
      find(month.rows, { period: "2026-03", question: "got_help", answer: "yes" }),
    ).toMatchObject({ site: "alle steder", n: "26", count: "18" });
    const sites = await figures("from=2026-03-01&to=2026-03-31&by=site");
    expect(
      find(sites.rows, { site: "Biblioteket", question: "got_help", answer: "no" }),
    ).toMatchObject({ period: "2026-03-01/2026-03-31", count: "6" });
    const kiosks = await figures("from=2026-03-01&to=2026-03-31&by=kiosk");
    expect(
      find(kiosks.rows, {
        site: "Borgerservice Århus / Skranke A",
        question: "got_help",
        answer: "yes",
      }),
    ).toMatchObject({ count: "17" });
  });

  it("excel-da writes decimal commas, semicolons and CRLF", async () => {
    const { rows, text } = await figures(
      `from=2026-03-01&to=2026-03-31&by=day&dialect=excel-da&site=${fx.siteA.siteId}`,
    );
    expect(text.startsWith("\ufeffperiod;site;question")).toBe(true);
    expect(text).toContain("\r\n");
    expect(find(rows, { period: "2026-03-02", question: "got_help", answer: "yes" })).toMatchObject(
      { ci_high: "94,3" },
    );
  });

  it("a chief gets only their sites", async () => {
    const other = await figures(
      `from=2026-03-01&to=2026-03-31&by=day&site=${fx.siteB.siteId}`,
      fx.chiefA.token,
    );
    expect(other.response.status).toBe(403);
    const own = await figures("from=2026-03-01&to=2026-03-31&by=site", fx.chiefA.token);
    expect(new Set(own.rows.map((row) => row.site))).toEqual(new Set(["Borgerservice Århus"]));
  });
});
