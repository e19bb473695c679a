import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CompareReply,
  HeatmapReply,
  TodayReply,
  TrendReply,
} from "../../shared/report-contract.ts";
import type { Answers } from "../../shared/response.ts";
import { toResponseRow } from "../../sync-server/ingest/response-row.ts";
import { storeResponses } from "../../sync-server/ingest/store-responses.ts";
import type { Comment } from "../../sync-server/queries/comments.ts";
import type { KioskHealthRow } from "../../sync-server/reports/kiosk-health.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let f: Awaited<ReturnType<typeof twoSiteFixture>>;
let kioskA: { municipalityId: string; siteId: string; kioskId: string };

const good: Answers = { got_help: "yes", guidance: "good", seen_heard: "yes", improve: "nothing" };
const bad: Answers = {
  got_help: "no",
  guidance: "poor",
  seen_heard: "no",
  improve: "could_be_better",
};
// Wednesday 10 June 2026; Copenhagen is UTC+2, so 08:00Z is 10:00 local, inside opening hours.
const day = "2026-06-10";
const utc = (date: string, time: string) => new Date(`${date}T${time}Z`);
let seq = 0;
const make = (date: string, time: string, answers: Answers, extra = {}) =>
  interview(++seq, utc(date, time), answers, extra);

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  f = await twoSiteFixture(db.pool);
  kioskA = { municipalityId: f.municipalityId, siteId: f.siteA.siteId, kioskId: f.kioskA.kioskId };
  const previousWeek = ["2026-06-03", "2026-06-04", "2026-06-05", "2026-06-08", "2026-06-09"];
  await storeInterviews(db.pool, kioskA, [
    // The day itself: a bad day, 5 of 20 got help.
    ...Array.from({ length: 20 }, (_, i) => make(day, `08:${10 + i}:00`, i < 5 ? good : bad)),
    // The week before: 20 a day, 18 of them good.
    ...previousWeek.flatMap((date) =>
      Array.from({ length: 20 }, (_, i) => make(date, `09:${10 + i}:00`, i < 18 ? good : bad)),
    ),
    // The day before, and a 20:00 answer outside opening hours.
    make("2026-06-09", "18:00:00", good),
    // Comments, oldest first.
    make("2026-06-08", "10:00:00", { improve: "could_be_better", improve_text: "Lang kø i dag" }),
    make("2026-06-09", "10:00:00", {
      improve: "could_be_better",
      improve_text: "100% godt, men KØ",
    }),
    make(day, "10:00:00", { improve: "could_be_better", improve_text: "Venlig medarbejder" }),
  ]);
  const kioskB = {
    municipalityId: f.municipalityId,
    siteId: f.siteB.siteId,
    kioskId: f.kioskB.kioskId,
  };
  await storeInterviews(db.pool, kioskB, [interview(1, utc(day, "08:00:00"), good)]);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Today = TodayReply;
type Trend = TrendReply;
type Heatmap = HeatmapReply;
type Comparison = CompareReply;
type Comments = { comments: Comment[]; next: string | null };
type Health = { kiosks: KioskHealthRow[] };

async function dash(path: string, token = f.analyst.token, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}/api/v1/dashboard/${path}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
}
async function json<T>(path: string, token = f.analyst.token): Promise<T> {
  const response = await dash(path, token);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

describe("dashboard endpoints", () => {
  it("today: the day beside the 7 and 30 days before, no arrow on an uncertain figure", async () => {
    const today = await json<Today>(`today?date=${day}&site=${f.siteA.siteId}`);
    expect(today.date).toBe(day);
    expect(today.timezone).toBe("Europe/Copenhagen");
    expect(today.responses).toEqual({ today: 21, last7: 103, last30: 103 });
    const gotHelp = today.figures.got_help;
    expect(gotHelp.today).toEqual({
      count: 5,
      n: 20,
      percent: 25,
      ci95: [11.2, 46.9],
      uncertain: true,
      suppressed: false,
    });
    expect(gotHelp.last7).toMatchObject({ count: 91, n: 101, uncertain: false });
    // 20 answers is *usikker*: shown, but never given an arrow (the old z-test said "down").
    expect(gotHelp.change7).toBeNull();
    expect(gotHelp.test7).toEqual({ pValue: null, adjustedP: null, direction: null });
    expect(today.method).toMatchObject({ familywise: "holm", tests: 0 });
    expect(today.disclosure).toEqual({ k: 5 });
    // One answer is a group below k: hidden, not shown as 1 of 1.
    const b = await json<Today>(`today?date=${day}&site=${f.siteB.siteId}`);
    expect(b.figures.got_help.today).toMatchObject({ count: null, n: null, suppressed: true });
    expect(b.responses.today).toBe(1);
    expect(b.figures.got_help.change7).toBeNull();
  });

  it("trend: from the first data on, closed days marked rather than hidden", async () => {
    const trend = await json<Trend>(`trend?from=2026-05-01&to=${day}&site=${f.siteA.siteId}`);
    expect(trend.by).toBe("week"); // 41 days: per week by default
    const daily = await json<Trend>(
      `trend?from=2026-05-01&to=${day}&site=${f.siteA.siteId}&by=day`,
    );
    // No rows for May: the data begins on 3 June.
    expect(daily.firstData).toBe("2026-06-03");
    expect(daily.points.map((d) => d.date)).toEqual([
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-06",
      "2026-06-07",
      "2026-06-08",
      "2026-06-09",
      "2026-06-10",
    ]);
    // The weekend is closed: no answers, nothing hidden.
    expect(daily.points[3]).toMatchObject({
      open: false,
      responses: 0,
      got_help: { n: 0, suppressed: false, percent: null },
    });
    expect(daily.points[7]?.got_help).toMatchObject({ count: 5, n: 20, percent: 25 });
    expect(daily.points[7]?.guided_well).toMatchObject({ count: 5, n: 20, percent: 25 });
    expect(daily.days).toEqual(daily.points);
    expect(daily.spc.got_help.points).toHaveLength(8);
    expect(daily.spc.got_help.verdict).toBe("too_few");
    expect((await dash(`trend?from=2026-06-01&to=${day}&by=year`)).status).toBe(400);
  });

  it("heatmap: hour × weekday within opening hours, the rest counted apart", async () => {
    const heat = await json<Heatmap>(`heatmap?from=2026-06-01&to=${day}&site=${f.siteA.siteId}`);
    const cells = heat.cells;
    // Default hours: Mon–Wed 10–15, Thu 10–17:30, Fri 10–13, closed at weekends.
    expect(cells.filter((c) => c.weekday === "wed").map((c) => c.hour)).toEqual([
      10, 11, 12, 13, 14,
    ]);
    expect(cells.filter((c) => c.weekday === "thu").map((c) => c.hour)).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17,
    ]);
    expect(cells.some((c) => c.weekday === "sat")).toBe(false);
    const wed10 = cells.find((c) => c.weekday === "wed" && c.hour === 10);
    expect(wed10?.responses).toBe(20);
    expect(heat.outsideOpeningHours).toBe(1);
    // A kiosk filter reads that kiosk's responses: the same cells here (site A has one kiosk).
    const kiosk = await json<Heatmap>(
      `heatmap?from=2026-06-01&to=${day}&kiosk=${f.kioskA.kioskId}`,
    );
    expect(kiosk.cells).toEqual(heat.cells);
    const other = await json<Heatmap>(
      `heatmap?from=2026-06-01&to=${day}&kiosk=${f.kioskB.kioskId}`,
    );
    expect(other.cells.find((c) => c.weekday === "wed" && c.hour === 10)?.responses).toBe(1);
  });

  it("compare: per site and per kiosk, a site below k hidden", async () => {
    const sites = await json<Comparison>(`compare?from=2026-06-01&to=${day}`);
    expect(sites.by).toBe("site");
    const bySite = new Map(sites.rows.map((row) => [row.id, row]));
    expect(bySite.get(f.siteA.siteId)?.responses).toBe(124);
    expect(bySite.get(f.siteB.siteId)).toMatchObject({
      responses: 1,
      got_help: { count: null, percent: null, suppressed: true },
    });
    const kiosks = await json<Comparison>(`compare?from=2026-06-01&to=${day}&by=kiosk`);
    expect(kiosks.rows.map((row) => row.name).sort()).toEqual(["Skranke A", "Skranke B"]);
    expect((await dash(`compare?from=2026-06-01&to=${day}&by=desk`)).status).toBe(400);
  });

  it("comments: newest first, searchable, paginated", async () => {
    const first = await json<Comments>(`comments?from=2026-06-01&to=${day}&limit=2`);
    expect(first.comments.map((c) => c.text)).toEqual(["Venlig medarbejder", "100% godt, men KØ"]);
    expect(first.comments[0]).toMatchObject({ date: day, siteId: f.siteA.siteId, reasons: [] });
    const second = await json<Comments>(
      `comments?from=2026-06-01&to=${day}&limit=2&before=${first.next}`,
    );
    expect(second.comments.map((c) => c.text)).toEqual(["Lang kø i dag"]);
    expect(second.next).toBeNull();
    const search = await json<Comments>(`comments?from=2026-06-01&to=${day}&q=k%C3%B8`);
    expect(search.comments.map((c) => c.text)).toEqual(["100% godt, men KØ", "Lang kø i dag"]);
    // LIKE wildcards in the search are literal.
    const percent = await json<Comments>(`comments?from=2026-06-01&to=${day}&q=100%25`);
    expect(percent.comments).toHaveLength(1);
  });

  it("kiosk health: last sync, version, clock offset, seq gaps, and silence in red", async () => {
    const reply = await postSync(
      server.baseUrl,
      f.kioskB.token,
      syncBody([samplePayload(3), samplePayload(4)]),
      { "X-Kiosk-Version": "1.2.3" },
    );
    expect(reply.status).toBe(200);
    await db.pool.query("update kiosks set created_at = now() - interval '10 days' where id = $1", [
      f.kioskA.kioskId,
    ]);
    const health = await json<Health>("kiosks");
    const byId = new Map(health.kiosks.map((k) => [k.kioskId, k]));
    expect(byId.get(f.kioskB.kioskId)).toMatchObject({
      name: "Skranke B",
      siteName: "Biblioteket",
      appVersion: "1.2.3",
      highestSeq: 4,
      gaps: [{ firstMissing: 2, lastMissing: 2 }],
      silent: false,
    });
    expect(typeof byId.get(f.kioskB.kioskId)?.clockOffsetMs).toBe("number");
    // Kiosk A never synced (its rows came another way) and was added ten days ago.
    expect(byId.get(f.kioskA.kioskId)).toMatchObject({ lastSyncAt: null, silent: true });
    const chief = await json<Health>("kiosks", f.chiefA.token);
    expect(chief.kiosks.map((k) => k.kioskId)).toEqual([f.kioskA.kioskId]);
  });

  it("changes: an ETag probe that says 304 until new data arrives", async () => {
    const first = await dash("changes");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"\d+-\d+"$/);
    expect((await dash("changes", f.analyst.token, { "if-none-match": etag })).status).toBe(304);
    await storeInterviews(db.pool, kioskA, [make(day, "12:00:00", good)]);
    const after = await dash("changes", f.analyst.token, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("changes: a sync that began first and committed last still moves the ETag", async () => {
    // Two syncs in flight (two servers, or two of one): the earlier one's rows carry the
    // earlier updated_at (a transaction's start time), and it commits after the other.
    const kioskB = {
      municipalityId: f.municipalityId,
      siteId: f.siteB.siteId,
      kioskId: f.kioskB.kioskId,
    };
    const slow = await db.pool.connect();
    try {
      await slow.query("begin");
      await storeResponses(slow, kioskB, { receivedAt: new Date(), clockOffsetMs: 0 }, [
        toResponseRow(interview(50, utc("2026-06-02", "08:00:00"), good), testFingerprintKeys),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await storeInterviews(db.pool, kioskA, [make(day, "12:30:00", good)]);
      const seen = (await dash("changes")).headers.get("etag") ?? "";
      await slow.query("commit");
      const after = await dash("changes", f.analyst.token, { "if-none-match": seen });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).not.toBe(seen);
    } finally {
      slow.release();
    }
  });

  it("keeps a chief to their sites on every endpoint", async () => {
    for (const path of [
      `today?site=${f.siteB.siteId}`,
      `trend?from=2026-06-01&to=${day}&site=${f.siteB.siteId}`,
      `heatmap?from=2026-06-01&to=${day}&site=${f.siteB.siteId}`,
      `compare?from=2026-06-01&to=${day}&kiosk=${f.kioskB.kioskId}`,
      `comments?from=2026-06-01&to=${day}&site=${f.siteB.siteId}`,
      `kiosks?site=${f.siteB.siteId}`,
    ]) {
      expect((await dash(path, f.chiefA.token)).status, path).toBe(403);
    }
    const compare = await json<Comparison>(`compare?from=2026-06-01&to=${day}`, f.chiefA.token);
    expect(compare.rows.map((row) => row.id)).toEqual([f.siteA.siteId]);
    const comments = await json<Comments>(`comments?from=2026-06-01&to=${day}`, f.chiefA.token);
    expect(comments.comments).toHaveLength(3);
  });
});
