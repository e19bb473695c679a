import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLocalQuestion } from "../../sync-server/demo/local-question.ts";
import { type DemoResult, seedDemo } from "../../sync-server/demo/seed.ts";
import { listLocalVersions } from "../../sync-server/queries/local-questions.ts";
import { disclosureLimitOf } from "../../sync-server/queries/municipalities.ts";
import {
  buildLocalBreakdown,
  versionSummaries,
} from "../../sync-server/reports/local-breakdown.ts";
import { verifyPassword } from "../../sync-server/secrets.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";

let db: TestDatabase;
let demo: DemoResult;
const now = new Date("2026-11-20T14:00:00Z"); // a Friday afternoon in Copenhagen

beforeAll(async () => {
  db = await createTestDatabase();
  demo = await seedDemo(db.pool, testFingerprintKeys, { now });
});
afterAll(async () => {
  await db.drop();
});

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
  (await db.pool.query(sql, params)).rows[0] as T;

describe("npm run demo", () => {
  it("creates one municipality, two sites, three kiosks, a chief and an analyst who can log in", async () => {
    expect(await one("select count(*)::int as n from municipalities")).toEqual({ n: 1 });
    expect(demo.sites.map((site) => site.name)).toEqual([
      "Borgerservice Horsens",
      "Biblioteket Langmarksvej",
    ]);
    expect(await one("select count(*)::int as n from kiosks")).toEqual({ n: 3 });
    const users = await db.pool.query("select email, role, password_hash from users order by role");
    expect(users.rows.map((u) => u.role)).toEqual(["analyst", "chief"]);
    for (const login of demo.logins) {
      const user = users.rows.find((u) => u.email === login.email);
      expect(await verifyPassword(login.password, user?.password_hash)).toBe(true);
    }
  });

  it("covers 90 days up to now, within each site's opening hours", async () => {
    expect(demo.firstDate).toBe("2026-08-23");
    expect(demo.lastDate).toBe("2026-11-20");
    const span = await one<{ first: string; last: string; n: number; latest: Date }>(
      "select min(local_date) as first, max(local_date) as last, count(*)::int as n, max(finished_at) as latest from responses",
    );
    expect(span.n).toBe(demo.responses);
    expect(span.n).toBeGreaterThan(3000);
    expect(span.latest.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(span.last).toBe("2026-11-20");
    const closed = await one<{ n: number }>(
      `select count(*)::int as n from responses r join sites s on s.municipality_id = r.municipality_id and s.id = r.site_id
       where extract(isodow from r.local_date) = 7
          or (s.name = 'Borgerservice Horsens' and (extract(isodow from r.local_date) = 6 or r.local_hour < 10 or r.local_hour > 17))`,
    );
    expect(closed.n).toBe(0);
    const hours = await db.pool.query(
      "select local_hour, count(*)::int as n from responses group by 1",
    );
    const at = (hour: number) => hours.rows.find((row) => row.local_hour === hour)?.n ?? 0;
    // The lunch peak: 11–13 busier than the hours either side.
    expect((at(11) + at(12)) / 2).toBeGreaterThan(1.3 * ((at(10) + at(13)) / 2));
  });

  it("answers near the study's distributions, with its skip rates", async () => {
    const shares = await one<Record<string, number>>(
      `select (avg((got_help = 'yes')::int) filter (where got_help is not null))::float8 as got_help_yes,
              (avg((guidance in ('very_good', 'good'))::int) filter (where guidance is not null))::float8 as guidance_top_two,
              (avg((seen_heard = 'yes')::int) filter (where seen_heard is not null))::float8 as seen_heard_yes,
              (avg((improve = 'nothing')::int) filter (where improve is not null))::float8 as improve_nothing,
              (avg((guidance is not null)::int) filter (where status = 'complete'))::float8 as guidance_answered,
              avg((status = 'abandoned')::int)::float8 as abandoned,
              avg(suspect::int)::float8 as suspect
       from responses`,
    );
    expect(shares.got_help_yes).toBeGreaterThan(0.78);
    expect(shares.got_help_yes).toBeLessThan(0.9);
    expect(shares.guidance_top_two).toBeGreaterThan(0.88);
    expect(shares.seen_heard_yes).toBeGreaterThan(0.9);
    expect(shares.improve_nothing).toBeGreaterThan(0.7);
    expect(shares.guidance_answered).toBeGreaterThan(0.78);
    expect(shares.guidance_answered).toBeLessThan(0.88);
    expect(shares.abandoned).toBeGreaterThan(0.03);
    expect(shares.suspect).toBeGreaterThan(0);
    // referred_ok only ever follows sent_on = yes (the database enforces it too).
    expect(
      await one(
        "select count(*)::int as n from responses where referred_ok is not null and sent_on is distinct from 'yes'",
      ),
    ).toEqual({ n: 0 });
  });

  it("asks the local question «Hvad kom du for?» everywhere, so the local breakdown has data", async () => {
    const { id: municipalityId } = await one<{ id: string }>("select id from municipalities");
    const [version, ...others] = versionSummaries(await listLocalVersions(db.pool, municipalityId));
    expect(others).toEqual([]);
    expect(version).toMatchObject({
      code: demoLocalQuestion.code,
      siteId: null,
      retired: false,
      text: { da: "Hvad kom du for?" },
    });
    if (!version) return;
    const codes = demoLocalQuestion.draft.answers.map((answer) => answer.code);
    expect(version.answers.map((answer) => answer.code)).toEqual(codes);

    // The breakdown the page shows, from the rollups: every errand has citizens, and shown.
    const scope = { municipalityId, siteIds: null, kioskId: null, includeSuspect: false };
    const range = { from: demo.firstDate, to: demo.lastDate, site: null };
    const k = await disclosureLimitOf(db.pool, municipalityId);
    const reply = await buildLocalBreakdown(db.pool, scope, version, range, k);
    expect(reply.rows.map((row) => row.answer)).toEqual([...codes, null]);
    for (const row of reply.rows) {
      expect(row.responses).toBeGreaterThan(k);
      expect(row.got_help.suppressed).toBe(false);
    }
    // Only complete interviews reach it (it comes after the core questions).
    expect(
      await one(
        `select count(*)::int as n from local_answers a join responses r
           on r.municipality_id = a.municipality_id and r.id = a.response_id
         where r.status <> 'complete'`,
      ),
    ).toEqual({ n: 0 });
    // A forgotten MitID goes worse than a passport, as the demo means it to.
    const gotHelp = (code: string) =>
      reply.rows.find((row) => row.answer === code)?.got_help.percent ?? 0;
    expect(gotHelp("mitid")).toBeLessThan(gotHelp("pas"));
  });

  it("numbers each kiosk's responses 1, 2, 3 … without gaps, in time order", async () => {
    const kiosks = await db.pool.query(
      `select kiosk_id, count(*)::int as n, min(seq) as lo, max(seq) as hi,
              bool_and(ordered) as ordered
       from (select kiosk_id, seq, started_at >= lag(started_at, 1, '-infinity') over (partition by kiosk_id order by seq) as ordered
             from responses) r group by kiosk_id`,
    );
    expect(kiosks.rows).toHaveLength(3);
    for (const kiosk of kiosks.rows)
      expect(kiosk).toMatchObject({ lo: 1, hi: kiosk.n, ordered: true });
  });

  it("leaves each kiosk's health as its syncs would: last sync, version, highest seq, no gaps", async () => {
    const health = await db.pool.query(
      `select h.highest_seq, h.stored_count, h.app_version, h.last_sync_at,
              (select count(*)::int from responses r where r.kiosk_id = h.kiosk_id) as stored
       from kiosk_health h`,
    );
    expect(health.rows).toHaveLength(3);
    for (const row of health.rows) {
      expect(row.highest_seq).toBe(row.stored);
      expect(row.stored_count).toBe(row.stored);
      expect(row.app_version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(row.last_sync_at.getTime()).toBeLessThanOrEqual(now.getTime() + 10_000);
    }
  });

  it("replaces itself when run again", async () => {
    const again = await seedDemo(db.pool, testFingerprintKeys, { now });
    expect(again.responses).toBe(demo.responses);
    expect(await one("select count(*)::int as n from responses")).toEqual({ n: demo.responses });
    expect(await one("select count(*)::int as n from users")).toEqual({ n: 2 });
    expect(await one("select count(*)::int as n from municipalities")).toEqual({ n: 1 });
  });
});
