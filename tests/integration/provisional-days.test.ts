import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportReply } from "../../shared/report-contract.ts";
import type { Answers } from "../../shared/response.ts";
import { addKiosk } from "../../sync-server/admin/verbs.ts";
import { addDays, localClock } from "../../sync-server/reports/local-time.ts";
import { provisionalWindowDays } from "../../sync-server/reports/report-context.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// Provisional days (issue 12) are relative to the real clock: "today" is the sites' local date
// now (every fixture site is in Europe/Copenhagen), as the endpoints default to.
let db: TestDatabase;
let server: TestServer;
const today = localClock(new Date(), "Europe/Copenhagen").date;
const yesterday = addDays(today, -1);
/** 06:00 UTC: morning in Copenhagen in winter and summer alike. */
const morningOf = (date: string) => new Date(`${date}T06:00:00Z`);
const good: Answers = { got_help: "yes", guidance: "good", seen_heard: "yes", improve: "nothing" };

type Fixture = Awaited<ReturnType<typeof twoSiteFixture>>;
type KioskRef = Fixture["kioskA"];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

/** What the server would have recorded for a kiosk's last sync (kiosk_health, migration 0003). */
async function lastSync(kiosk: KioskRef, at: Date, oldestPendingAt: Date | null = null) {
  await db.pool.query(
    `insert into kiosk_health (municipality_id, kiosk_id, site_id, last_sync_at, oldest_pending_at)
     values ($1, $2, $3, $4, $5)
     on conflict (municipality_id, kiosk_id)
     do update set last_sync_at = excluded.last_sync_at,
                   oldest_pending_at = excluded.oldest_pending_at`,
    [kiosk.municipalityId, kiosk.kioskId, kiosk.siteId, at, oldestPendingAt],
  );
}

async function addedAt(kiosk: KioskRef, at: Date) {
  await db.pool.query("update kiosks set created_at = $1 where id = $2", [at, kiosk.kioskId]);
}

/** A second kiosk at a site, added long ago like its first. */
async function spareKiosk(site: { siteId: string }, name: string): Promise<KioskRef> {
  const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name });
  await addedAt(kiosk, morningOf(addDays(today, -400)));
  return kiosk;
}

async function get(f: Fixture, path: string): Promise<Response> {
  const response = await fetch(`${server.baseUrl}/api/v1/${path}`, {
    headers: { authorization: `Bearer ${f.analyst.token}` },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response;
}

/** The report's own mark for one day (no answers needed: the reply says it for the range). */
async function provisionalOn(f: Fixture, date: string, site?: string): Promise<boolean> {
  const scope = site ? `&site=${site}` : "";
  const report = (await (
    await get(f, `report?from=${date}&to=${date}${scope}`)
  ).json()) as ReportReply;
  return report.provisional;
}

async function fixture(municipality: string): Promise<Fixture> {
  const f = await twoSiteFixture(db.pool, municipality);
  await addedAt(f.kioskA, morningOf(addDays(today, -400)));
  await addedAt(f.kioskB, morningOf(addDays(today, -400)));
  return f;
}

describe("provisional days count only kiosks in service that day", () => {
  it("a kiosk silent for 60 days marks neither today nor last week, only the days after its last sync", async () => {
    const f = await fixture("Tavs kommune");
    const silentSince = addDays(today, -60);
    await lastSync(f.kioskA, morningOf(silentSince));
    const site = f.siteA.siteId;
    expect(await provisionalOn(f, today, site)).toBe(false);
    expect(await provisionalOn(f, addDays(today, -7), site)).toBe(false);
    // It may still hold the answers of its last day in service and the window after it.
    expect(await provisionalOn(f, silentSince, site)).toBe(true);
    expect(await provisionalOn(f, addDays(silentSince, provisionalWindowDays), site)).toBe(true);
    expect(await provisionalOn(f, addDays(silentSince, provisionalWindowDays + 1), site)).toBe(
      false,
    );
    expect(await provisionalOn(f, addDays(silentSince, -1), site)).toBe(false);
    // The dashboard's I dag says the same.
    const todayReply = (await (await get(f, `dashboard/today?site=${site}`)).json()) as {
      provisional: boolean;
    };
    expect(todayReply.provisional).toBe(false);
  });

  it("a kiosk that synced yesterday morning marks yesterday and today, not the day before, beside a long-silent spare", async () => {
    const f = await fixture("Morgen kommune");
    await lastSync(f.kioskA, morningOf(yesterday));
    const spare = await spareKiosk(f.siteA, "Reserve i skuffen");
    await lastSync(spare, morningOf(addDays(today, -90)));
    const site = f.siteA.siteId;
    expect(await provisionalOn(f, yesterday, site)).toBe(true);
    expect(await provisionalOn(f, today, site)).toBe(true);
    expect(await provisionalOn(f, addDays(today, -2), site)).toBe(false);
    // The trend marks the same days, one by one.
    await storeInterviews(
      db.pool,
      f.kioskA,
      [-3, -2, -1].map((d, i) => interview(i + 1, morningOf(addDays(today, d)), good)),
    );
    const trend = (await (
      await get(f, `dashboard/trend?from=${addDays(today, -3)}&to=${yesterday}&by=day&site=${site}`)
    ).json()) as { points: { from: string; provisional: boolean }[] };
    expect(trend.points.map((p) => [p.from, p.provisional])).toEqual([
      [addDays(today, -3), false],
      [addDays(today, -2), false],
      [yesterday, true],
    ]);
  });

  it("figures.csv by=site marks only the site whose kiosk lags; the all-sites report marks the day", async () => {
    const f = await fixture("To steder kommune");
    const from = addDays(today, -3);
    let seq = 0;
    for (const kiosk of [f.kioskA, f.kioskB]) {
      await storeInterviews(
        db.pool,
        kiosk,
        Array.from({ length: 6 }, () => interview(++seq, morningOf(addDays(today, -2)), good)),
      );
    }
    // Site A's kiosk last synced yesterday morning; site B's has synced today, after yesterday.
    await lastSync(f.kioskA, morningOf(yesterday));
    await lastSync(f.kioskB, new Date());
    const csv = await (
      await get(f, `export/figures.csv?from=${from}&to=${yesterday}&by=site`)
    ).text();
    const [header, ...lines] = csv.trim().split("\n");
    const columns = (header ?? "").split(",");
    const siteAt = columns.indexOf("site");
    const provisionalAt = columns.indexOf("provisional");
    const marks = new Map<string, Set<string>>();
    for (const line of lines) {
      const cells = line.split(",");
      const site = cells[siteAt] ?? "";
      marks.set(site, (marks.get(site) ?? new Set()).add(cells[provisionalAt] ?? ""));
    }
    expect(marks).toEqual(
      new Map([
        ["Biblioteket", new Set(["0"])],
        ["Borgerservice Århus", new Set(["1"])],
      ]),
    );
    expect(await provisionalOn(f, yesterday)).toBe(true);
    expect(await provisionalOn(f, yesterday, f.siteB.siteId)).toBe(false);
    expect(await provisionalOn(f, yesterday, f.siteA.siteId)).toBe(true);
  });

  it("a kiosk added after a day does not mark it, its waiting answers do; a revoked kiosk never marks", async () => {
    const f = await fixture("Ny kiosk kommune");
    // Added yesterday morning; synced today, reporting answers still waiting from before it
    // existed (a tablet whose clock was set back) — but yesterday's are surely among them.
    await addedAt(f.kioskA, morningOf(yesterday));
    await lastSync(f.kioskA, new Date(), morningOf(addDays(today, -3)));
    const site = f.siteA.siteId;
    expect(await provisionalOn(f, yesterday, site)).toBe(true);
    expect(await provisionalOn(f, addDays(today, -2), site)).toBe(false);
    expect(await provisionalOn(f, addDays(today, -3), site)).toBe(false);
    // A revoked kiosk that lagged since three days ago: its token no longer syncs.
    const revoked = await spareKiosk(f.siteA, "Stjålet");
    await lastSync(revoked, morningOf(addDays(today, -3)));
    await db.pool.query("update kiosks set revoked_at = now() where id = $1", [revoked.kioskId]);
    expect(await provisionalOn(f, addDays(today, -3), site)).toBe(false);
    expect(await provisionalOn(f, addDays(today, -2), site)).toBe(false);
  });
});
