import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  DisclosureSetting,
  ReportReply,
  StudyReply,
  TargetsReply,
  TodayReply,
  TrendReply,
  YearEarlierReply,
} from "../../shared/report-contract.ts";
import type { Answers } from "../../shared/response.ts";
import { parseCommand, runCommand } from "../../sync-server/admin/cli.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addUser, interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let f: Awaited<ReturnType<typeof twoSiteFixture>>;
let admin: { cookie: string; csrf: string };

const good: Answers = { got_help: "yes", guidance: "good", seen_heard: "yes", improve: "nothing" };
const bad: Answers = {
  got_help: "no",
  guidance: "poor",
  seen_heard: "no",
  improve: "could_be_better",
};
let seq = 0;
/** n interviews at site A's kiosk on a date (10:00 local onwards), the first `yes` good. */
const many = (date: string, n: number, yes: number) =>
  Array.from({ length: n }, (_, i) =>
    interview(++seq, new Date(Date.parse(`${date}T08:00:00Z`) + i * 30_000), i < yes ? good : bad),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  f = await twoSiteFixture(db.pool);
  await addUser(db.pool, {
    email: "admin@kontrol.dk",
    role: "admin",
    siteIds: [],
    password: "en lang adgangskode",
  });
  const login = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@kontrol.dk", password: "en lang adgangskode" }),
  });
  admin = {
    cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const kioskA = {
    municipalityId: f.municipalityId,
    siteId: f.siteA.siteId,
    kioskId: f.kioskA.kioskId,
  };
  await storeInterviews(db.pool, kioskA, [
    // June 2025, a year before: 40 answers, 36 good.
    ...many("2025-06-10", 40, 36),
    // The 7 days before 10 June 2026: 50 a day, 48 good.
    ...["2026-06-03", "2026-06-04", "2026-06-05", "2026-06-08", "2026-06-09"].flatMap((d) =>
      many(d, 50, 48),
    ),
    // 10 June 2026: 40 answers, only 24 good — a real drop.
    ...many("2026-06-10", 40, 24),
    // 11 June: 6 answers (a small day).
    ...many("2026-06-11", 6, 6),
  ]);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Who = string | typeof admin;
function headersOf(who: Who): Record<string, string> {
  return typeof who === "string"
    ? { authorization: `Bearer ${who}` }
    : { cookie: who.cookie, "x-csrf-token": who.csrf };
}
async function call(path: string, who: Who = f.analyst.token, init: RequestInit = {}) {
  return fetch(`${server.baseUrl}/api/v1/${path}`, {
    ...init,
    headers: { ...headersOf(who), "content-type": "application/json", ...(init.headers ?? {}) },
  });
}
async function json<T>(path: string, who: Who = f.analyst.token): Promise<T> {
  const response = await call(path, who);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}
const put = (path: string, who: Who, body: unknown) =>
  call(path, who, { method: "PUT", body: JSON.stringify(body) });

describe("the disclosure limit k per municipality", () => {
  it("is 5 by default, 3–10, set by admins only, audited, and applied to every figure", async () => {
    const setting = await json<DisclosureSetting>("admin/disclosure", admin);
    expect(setting).toEqual({ k: 5, min: 3, max: 10, default: 5 });
    expect((await put("admin/disclosure", admin, { k: 11 })).status).toBe(400);
    expect((await put("admin/disclosure", admin, { k: 2 })).status).toBe(400);
    expect((await put("admin/disclosure", f.chiefA.token, { k: 7 })).status).toBe(403);
    const day = `report?from=2026-06-11&to=2026-06-11&site=${f.siteA.siteId}`;
    expect((await json<ReportReply>(day)).questions.got_help).toMatchObject({ n: 6 });
    expect((await put("admin/disclosure", admin, { k: 7 })).status).toBe(200);
    const stricter = await json<ReportReply>(day);
    expect(stricter.disclosure).toEqual({ k: 7 });
    expect(stricter.questions.got_help).toMatchObject({ n: null, suppressed: true });
    const audit = await db.pool.query<{ details: { from: number; to: number } }>(
      "select details from audit_log where action = 'disclosure.changed'",
    );
    expect(audit.rows.map((row) => row.details)).toEqual([{ from: 5, to: 7 }]);
    expect((await put("admin/disclosure", admin, { k: 5 })).status).toBe(200);
  });

  it("can be set from the admin CLI too", async () => {
    const set = (...args: string[]) =>
      runCommand(db.pool, parseCommand(["disclosure", "set", ...args]), {
        readPassword: async () => undefined,
        logger: createLogger("silent"),
        progress: () => {},
      });
    expect(await set("6", "--municipality", "Testkommune")).toEqual({
      municipality: "Testkommune",
      k: 6,
      previous: 5,
    });
    await expect(set("12", "--municipality", "Testkommune")).rejects.toThrow(/3 to 10/);
    await expect(set("6", "--municipality", "Nowhere")).rejects.toThrow(/Nowhere/);
    expect((await json<DisclosureSetting>("admin/disclosure", admin)).k).toBe(6);
    await set("5", "--municipality", "Testkommune");
  });
});

describe("targets per headline", () => {
  it("are set by admins and chiefs within their sites, and returned with today and the trend", async () => {
    const own = { siteId: f.siteA.siteId, headline: "got_help", percent: 90 };
    expect((await put("dashboard/targets", f.chiefA.token, own)).status).toBe(200);
    for (const [body, status] of [
      [{ ...own, siteId: null }, 403],
      [{ ...own, siteId: f.siteB.siteId }, 403],
      [{ ...own, percent: 101 }, 400],
      [{ ...own, percent: 90.25 }, 400],
      [{ ...own, headline: "happiness" }, 400],
      [{ ...own, extra: 1 }, 400],
    ] as const) {
      expect(
        (await put("dashboard/targets", f.chiefA.token, body)).status,
        JSON.stringify(body),
      ).toBe(status);
    }
    expect((await put("dashboard/targets", f.analyst.token, own)).status).toBe(403);
    // A municipality-wide target, by the admin, applies where a site has none of its own.
    const wide = { siteId: null, headline: "guided_well", percent: 85 };
    // Set twice: the second replaces the first (one municipality-wide target per headline).
    expect((await put("dashboard/targets", admin, { ...wide, percent: 80 })).status).toBe(200);
    expect((await put("dashboard/targets", admin, wide)).status).toBe(200);
    const list = await json<TargetsReply>("dashboard/targets");
    expect(list.targets.map((t) => [t.siteId, t.headline, t.percent])).toEqual([
      [null, "guided_well", 85],
      [f.siteA.siteId, "got_help", 90],
    ]);
    const today = await json<TodayReply>(`dashboard/today?date=2026-06-10&site=${f.siteA.siteId}`);
    expect(today.figures.got_help.target).toEqual({ percent: 90, siteId: f.siteA.siteId });
    expect(today.figures.got_help.meetsTarget).toBe(false);
    expect(today.figures.guided_well.target).toEqual({ percent: 85, siteId: null });
    const trend = await json<TrendReply>(
      `dashboard/trend?from=2026-06-01&to=2026-06-11&site=${f.siteA.siteId}`,
    );
    expect(trend.spc.got_help.target).toEqual({ percent: 90, siteId: f.siteA.siteId });
    // null removes it.
    expect((await put("dashboard/targets", f.chiefA.token, { ...own, percent: null })).status).toBe(
      200,
    );
    const after = await json<TodayReply>(`dashboard/today?date=2026-06-10&site=${f.siteA.siteId}`);
    expect(after.figures.got_help.target).toBeNull();
    const audit = await db.pool.query("select action from audit_log where action like 'target.%'");
    expect(audit.rows.map((row) => row.action).sort()).toEqual([
      "target.removed",
      "target.set",
      "target.set",
      "target.set",
    ]);
  });
});

describe("honest change signals through the API", () => {
  it("marks a real drop (24 of 40 against 96 %) and says how it tested", async () => {
    const today = await json<TodayReply>(`dashboard/today?date=2026-06-10&site=${f.siteA.siteId}`);
    expect(today.figures.got_help.today).toMatchObject({ count: 24, n: 40, uncertain: false });
    expect(today.figures.got_help.change7).toBe("down");
    expect(today.figures.got_help.test7.adjustedP ?? 1).toBeLessThan(0.05);
    expect(today.method).toEqual({
      test: "mid-p exact (Fisher)",
      familywise: "holm",
      alpha: 0.05,
      tests: 8,
    });
  });
});

describe("provisional days", () => {
  it("are the days from a kiosk's last sync on, in the API and figures.csv", async () => {
    const reply = await postSync(server.baseUrl, f.kioskA.token, syncBody([samplePayload(9000)]));
    expect(reply.status).toBe(200);
    // Kiosk A last synced on 10 June at 12:00 local: 10 June and later may still gain answers.
    await db.pool.query("update kiosk_health set last_sync_at = $1 where kiosk_id = $2", [
      "2026-06-10T10:00:00Z",
      f.kioskA.kioskId,
    ]);
    const site = `site=${f.siteA.siteId}`;
    expect((await json<TodayReply>(`dashboard/today?date=2026-06-10&${site}`)).provisional).toBe(
      true,
    );
    expect((await json<TodayReply>(`dashboard/today?date=2026-06-09&${site}`)).provisional).toBe(
      false,
    );
    const report = await json<ReportReply>(`report?from=2026-06-08&to=2026-06-11&${site}`);
    expect(report.daily.map((d) => [d.date, d.provisional])).toEqual([
      ["2026-06-08", false],
      ["2026-06-09", false],
      ["2026-06-10", true],
      ["2026-06-11", true],
    ]);
    const csv = await (
      await call(`export/figures.csv?from=2026-06-08&to=2026-06-11&${site}`)
    ).text();
    const lines = csv.trim().split("\n").slice(1);
    const provisionalOf = (date: string) =>
      new Set(lines.filter((l) => l.startsWith(date)).map((l) => l.split(",").at(-1)));
    expect(provisionalOf("2026-06-09")).toEqual(new Set(["0"]));
    expect(provisionalOf("2026-06-10")).toEqual(new Set(["1"]));
    // Site B's kiosk never synced: it holds nothing we know of, so B has no provisional days.
    const b = await json<TodayReply>(`dashboard/today?date=2026-06-10&site=${f.siteB.siteId}`);
    expect(b.provisional).toBe(false);
  });
});

describe("a period against the same period a year earlier, and the kiosk filter", () => {
  it("gives both periods' headlines and an honest test between them", async () => {
    const reply = await json<YearEarlierReply>(
      `dashboard/year-earlier?from=2026-06-01&to=2026-06-30&site=${f.siteA.siteId}`,
    );
    expect(reply.current).toMatchObject({ from: "2026-06-01", to: "2026-06-30" });
    expect(reply.yearEarlier).toMatchObject({
      from: "2025-06-01",
      to: "2025-06-30",
      responses: 40,
    });
    expect(reply.yearEarlier.headlines.got_help).toMatchObject({ count: 36, n: 40 });
    expect(Object.keys(reply.changes)).toEqual([
      "got_help",
      "guided_well",
      "seen_heard",
      "nothing_to_improve",
    ]);
    expect(reply.method.tests).toBe(4);
  });

  it("filters trend and study figures by kiosk", async () => {
    const kiosk = `kiosk=${f.kioskB.kioskId}`;
    const trend = await json<TrendReply>(`dashboard/trend?from=2026-06-01&to=2026-06-30&${kiosk}`);
    expect(trend.firstData).toBeNull();
    expect(trend.points).toEqual([]);
    const study = await json<StudyReply>(`dashboard/study?from=2026-06-01&to=2026-06-30&${kiosk}`);
    expect(study).toMatchObject({ kiosk: f.kioskB.kioskId, responses: 0 });
    const a = await json<StudyReply>(
      `dashboard/study?from=2026-06-01&to=2026-06-30&kiosk=${f.kioskA.kioskId}`,
    );
    expect(a.responses).toBeGreaterThan(250);
  });
});

describe("parameters", () => {
  // Unknown parameters on every endpoint: query-parameters.test.ts, its list read from the routers.
  it("never give a 5xx, whatever a client sends (fuzz, seeded)", { timeout: 180_000 }, async () => {
    const paths = [
      "report",
      "dashboard/today",
      "dashboard/trend",
      "dashboard/heatmap",
      "dashboard/compare",
      "dashboard/study",
      "dashboard/year-earlier",
      "export/figures.csv",
    ];
    const value = fc.oneof(
      fc.constantFrom("2026-06-01", "2026-02-30", "0000-01-01", "9999-12-31", "", "day", "week"),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(f.siteA.siteId, f.kioskB.kioskId, "0194f3c2-0000-7000-8000-000000000000"),
    );
    const name = fc.constantFrom(
      "from",
      "to",
      "site",
      "kiosk",
      "by",
      "date",
      "labels",
      "includeSuspect",
      "x",
    );
    let serverErrors = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.array(fc.tuple(name, value), { maxLength: 5 }),
        async (path, pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const response = await call(`${path}?${query}`);
          await response.arrayBuffer();
          if (response.status >= 500) serverErrors += 1;
        },
      ),
      { seed: 1212, numRuns: 150 },
    );
    expect(serverErrors).toBe(0);
  });
});
