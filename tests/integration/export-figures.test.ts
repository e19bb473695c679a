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
    });
    expect(
      find(rows, { period: "2026-03-02", question: "guidance", answer: "top_two" }),
    ).toMatchObject({ count: "10", percent: "100" });
  });

  it("withholds counts below 5 and their percentages", async () => {
    const { rows } = await figures(`from=2026-03-01&to=2026-03-31&by=day&site=${fx.siteA.siteId}`);
    expect(find(rows, { period: "2026-03-02", question: "got_help", answer: "no" })).toMatchObject({
      count: "<5",
      percent: "",
      ci_low: "",
      ci_high: "",
    });
    expect(find(rows, { period: "2026-03-03", question: "got_help", answer: "yes" })).toMatchObject(
      { n: "<5", count: "<5", percent: "" },
    );
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
