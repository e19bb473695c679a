import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportColumnNames, exportColumnNamesFor } from "../../shared/codebook.ts";
import type { ResponsePayload } from "../../shared/response.ts";
import { addUser } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let fx: Awaited<ReturnType<typeof twoSiteFixture>>;
const tricky = 'Ventetid; "alt for lang",\nmen søde folk — æøå ÆØÅ';
let payloads: ResponsePayload[];
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  fx = await twoSiteFixture(db.pool);
  await addUser(db.pool, {
    email: "admin@export.dk",
    role: "admin",
    siteIds: [],
    password: "en lang adgangskode",
  });
  const login = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@export.dk", password: "en lang adgangskode" }),
  });
  admin = {
    cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  payloads = [
    interview(1, new Date("2026-03-02T09:15:00Z"), {
      got_help: "yes",
      sent_on: "yes",
      referred_ok: "no",
      guidance: "good",
      seen_heard: "yes",
      improve: "could_be_better",
      improve_reasons: ["shorter_wait", "other"],
      improve_text: tricky,
    }),
    interview(2, new Date("2026-03-02T10:00:00Z"), {
      got_help: "no",
      improve: "could_be_better",
      improve_text: '=HYPERLINK("x")',
    }),
    interview(
      3,
      new Date("2026-03-03T11:00:00Z"),
      { got_help: "yes" },
      { status: "abandoned", flags: ["suspect"] },
    ),
  ];
  await storeInterviews(
    db.pool,
    { municipalityId: fx.municipalityId, siteId: fx.siteA.siteId, kioskId: fx.kioskA.kioskId },
    payloads,
  );
  await storeInterviews(
    db.pool,
    { municipalityId: fx.municipalityId, siteId: fx.siteB.siteId, kioskId: fx.kioskB.kioskId },
    [interview(1, new Date("2026-03-02T12:00:00Z"), { guidance: "very_good" })],
  );
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

function get(path: string, token: string | typeof admin) {
  return fetch(`${server.baseUrl}/api/v1/export/${path}`, {
    headers:
      typeof token === "string" ? { authorization: `Bearer ${token}` } : { cookie: token.cookie },
  });
}

async function grantExactTimes(granted: boolean) {
  const tokenId = (
    await db.pool.query<{ id: string }>(
      "select id from api_tokens where role = 'analyst' and municipality_id = $1",
      [fx.municipalityId],
    )
  ).rows[0]?.id;
  const response = await fetch(`${server.baseUrl}/api/v1/admin/exact-times`, {
    method: "PUT",
    headers: {
      cookie: admin.cookie,
      "x-csrf-token": admin.csrf,
      "content-type": "application/json",
    },
    body: JSON.stringify({ tokenId, granted }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

type Row = Record<string, string>;

describe("responses.csv", () => {
  it("gives times to the hour by default: no id, clock time or receipt time; duration in s", async () => {
    const response = await get(
      `responses.csv?from=2026-03-01&to=2026-03-31&site=${fx.siteA.siteId}`,
      fx.analyst.token,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const header = text.slice(0, text.indexOf("\n")).split(",");
    expect(header).toEqual(exportColumnNamesFor("hour"));
    for (const exact of ["id", "local_time", "received_at"]) expect(header).not.toContain(exact);
    const rows = parse(text, { columns: true }) as Row[];
    const first = rows.find((row) => row.improve_text === tricky);
    expect(first).toMatchObject({ local_date: "2026-03-02", hour: "10", weekday: "mon" });
    expect(Number(first?.duration_s)).toBeGreaterThanOrEqual(0);
    // Exact instants need a grant an admin gives; without it, 403.
    const exact = await get(
      `responses.csv?from=2026-03-01&to=2026-03-31&times=exact`,
      fx.analyst.token,
    );
    expect(exact.status).toBe(403);
  });

  it("raw rows are for analysts and admins: a chief gets 403 (figures.csv is theirs)", async () => {
    for (const path of [
      "responses.csv?from=2026-03-01&to=2026-03-31",
      "responses/count?from=2026-03-01&to=2026-03-31",
    ]) {
      const response = await get(path, fx.chiefA.token);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    expect((await get("responses.csv?from=2026-03-01&to=2026-03-31", admin)).status).toBe(200);
  });

  it("writes every raw export to the audit log, visible to admins", async () => {
    await (await get("responses.csv?from=2026-03-02&to=2026-03-02", fx.analyst.token)).text();
    // The entry is written once the stream has ended, which the client may see first.
    const newest = async () => {
      const log = await get("log?limit=5", admin);
      expect(log.status).toBe(200);
      const body = (await log.json()) as {
        entries: { action: string; actorKind: string; details: Record<string, unknown> }[];
      };
      return body.entries[0];
    };
    await expect.poll(newest, { timeout: 5_000 }).toMatchObject({
      action: "export.responses",
      actorKind: "token",
      details: {
        parameters: { from: "2026-03-02", to: "2026-03-02" },
        rows: 3,
        completed: true,
      },
    });
    expect((await get("log", fx.analyst.token)).status).toBe(403);
  });

  it("rfc4180 with times=exact once granted: every field round-trips through a real CSV parser", async () => {
    await grantExactTimes(true);
    const response = await get(
      `responses.csv?from=2026-03-01&to=2026-03-31&site=${fx.siteA.siteId}&times=exact`,
      fx.analyst.token,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="borgerpuls-svar-borgerservice-aarhus-2026-03-01_2026-03-31.csv"',
    );
    const count = await get(
      `responses/count?from=2026-03-01&to=2026-03-31&site=${fx.siteA.siteId}&times=exact`,
      fx.analyst.token,
    );
    expect(await count.json()).toEqual({ rows: 2 });
    const text = await response.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const header = text.slice(0, text.indexOf("\n"));
    expect(header.split(",")).toEqual(exportColumnNames);
    const rows = parse(text, { columns: true }) as Row[];
    expect(rows).toHaveLength(2); // the suspect one is left out by default
    const first = rows[0] as Row;
    expect(first).toMatchObject({
      id: payloads[0]?.id,
      site_id: fx.siteA.siteId,
      site_name: "Borgerservice Århus",
      kiosk_id: fx.kioskA.kioskId,
      local_date: "2026-03-02",
      local_time: "10:15:00",
      weekday: "mon",
      hour: "10",
      status: "complete",
      got_help: "yes",
      referred_ok: "no",
      guidance: "good",
      improve: "could_be_better",
      improve_shorter_wait: "1",
      improve_help_with_everything: "0",
      improve_know_departments: "0",
      improve_other: "1",
      improve_text: tricky,
      suspect: "0",
    });
    expect(first.received_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // Not asked → empty, not 0.
    expect((rows[1] as Row).improve_shorter_wait).toBe("0");
    expect((rows[1] as Row).guidance).toBe("");
    expect((rows[1] as Row).improve_text).toBe('=HYPERLINK("x")');
    await grantExactTimes(false);
    const withdrawn = await get(
      "responses.csv?from=2026-03-01&to=2026-03-31&times=exact",
      fx.analyst.token,
    );
    expect(withdrawn.status).toBe(403);
  });

  it("excel-da: BOM, semicolons, CRLF between records, newlines inside text kept, formulas defused", async () => {
    const response = await get(
      "responses.csv?from=2026-03-01&to=2026-03-31&dialect=excel-da&labels=da&includeSuspect=true",
      fx.analyst.token,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\r\n")[0]?.split(";")).toEqual(exportColumnNamesFor("hour"));
    expect(text).toContain('"Ventetid; ""alt for lang"",\nmen søde folk — æøå ÆØÅ"');
    expect(text.replaceAll("\r\n", "").includes("\r")).toBe(false);
    const rows = parse(text, { columns: true, delimiter: ";", record_delimiter: "\r\n" }) as Row[];
    expect(rows).toHaveLength(4);
    const byText = (text: string) => rows.find((row) => row.improve_text === text);
    expect(byText(tricky)).toMatchObject({
      weekday: "mandag",
      got_help: "Ja",
      guidance: "Godt",
      improve_text: tricky,
      status: "gennemført",
    });
    expect(byText('\'=HYPERLINK("x")')).toBeDefined();
    expect(rows.find((row) => row.status === "afbrudt")).toMatchObject({ suspect: "ja" });
  });

  it("English labels", async () => {
    const text = await (
      await get("responses.csv?from=2026-03-02&to=2026-03-02&labels=en", fx.analyst.token)
    ).text();
    const rows = parse(text, { columns: true }) as Row[];
    expect(rows.map((row) => row.weekday)).toEqual(["Monday", "Monday", "Monday"]);
    expect(rows.find((row) => row.guidance === "Very well")).toBeDefined();
  });

  it("explains bad parameters and refuses without a token", async () => {
    const bad = await get(
      "responses.csv?from=2026-02-30&to=2026-01-01&dialect=xls",
      fx.analyst.token,
    );
    expect(bad.status).toBe(400);
    const message = ((await bad.json()) as { error: { message: string } }).error.message;
    expect(message).toMatch(/from .*not a real date/);
    expect(message).toMatch(/dialect/);
    const anonymous = await fetch(
      `${server.baseUrl}/api/v1/export/responses.csv?from=2026-03-01&to=2026-03-02`,
    );
    expect(anonymous.status).toBe(401);
  });
});

describe("codebook", () => {
  it("lists every export column with Danish and English text and the exact question wording", async () => {
    const body = (await (await get("codebook", fx.analyst.token)).json()) as {
      questionnaire: number;
      columns: {
        name: string;
        description: { da: string; en: string };
        question?: { text: { da: string } }[];
      }[];
    };
    expect(body.columns.map((c) => c.name)).toEqual(exportColumnNames);
    expect(body.columns.find((c) => c.name === "got_help")?.question?.[0]?.text.da).toBe(
      "Fik du svar på eller ordnet det, du kom efter?",
    );
    const markdown = await (await get("codebook?format=md", fx.analyst.token)).text();
    expect(markdown).toMatch(/## `guidance`[\s\S]*\| `very_good` \| Rigtig godt \| Very well \|/);
    expect(markdown).toMatch(/# figures\.csv[\s\S]*## `suppressed`/);
  });
});
