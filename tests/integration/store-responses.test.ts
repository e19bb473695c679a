import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../sync-server/db.ts";
import { toResponseRow } from "../../sync-server/ingest/response-row.ts";
import { storeResponses } from "../../sync-server/ingest/store-responses.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";

let db: TestDatabase;
let fx: Awaited<ReturnType<typeof twoSiteFixture>>;
beforeAll(async () => {
  db = await createTestDatabase();
  fx = await twoSiteFixture(db.pool);
});
afterAll(async () => {
  await db.drop();
});

describe("storeResponses", () => {
  it("stores the instants and offsets as sent, the batch's receipt, and the site's local date and hour", async () => {
    const kiosk = {
      municipalityId: fx.municipalityId,
      siteId: fx.siteA.siteId,
      kioskId: fx.kioskA.kioskId,
    };
    const at = (iso: string) => interview(1, new Date(iso), { got_help: "yes" });
    // Sent by a kiosk whose clock shows New York time; the site is in Copenhagen.
    const payloads = [
      {
        ...at("2026-03-29T00:59:59.120Z"),
        seq: 1,
        startedAt: "2026-03-28T20:59:59.120-04:00",
        finishedAt: "2026-03-29T01:00:30.9999+00:00",
      },
      {
        ...at("2026-03-29T01:00:00Z"),
        seq: 2,
        startedAt: "2026-03-29T03:00+02:00",
        finishedAt: null,
        status: "abandoned" as const,
      },
    ];
    const receipt = { receivedAt: new Date("2026-03-29T02:00:00.250Z"), clockOffsetMs: -1234 };
    const rows = payloads.map((payload) => toResponseRow(payload, testFingerprintKeys));
    await inTransaction(db.pool, (client) => storeResponses(client, kiosk, receipt, rows));
    const stored = await db.pool.query(
      `select seq, started_at, started_utc_offset, finished_at, finished_utc_offset,
              to_char(local_date, 'YYYY-MM-DD') as local_date, local_hour, received_at, clock_offset_ms
       from responses where id = any ($1::uuid[]) order by seq`,
      [payloads.map((payload) => payload.id)],
    );
    expect(stored.rows).toEqual([
      {
        seq: 1,
        started_at: new Date("2026-03-29T00:59:59.120Z"),
        started_utc_offset: -240,
        finished_at: new Date("2026-03-29T01:00:30.999Z"),
        finished_utc_offset: 0,
        // 01:59:59 in Copenhagen, a second before clocks skip to 03:00.
        local_date: "2026-03-29",
        local_hour: 1,
        received_at: receipt.receivedAt,
        clock_offset_ms: -1234,
      },
      {
        seq: 2,
        started_at: new Date("2026-03-29T01:00:00Z"),
        started_utc_offset: 120,
        finished_at: null,
        finished_utc_offset: null,
        local_date: "2026-03-29",
        local_hour: 3,
        received_at: receipt.receivedAt,
        clock_offset_ms: -1234,
      },
    ]);
    await db.pool.query("delete from responses");
  });

  it("fails loudly, storing nothing, when the kiosk reference names no site of the municipality", async () => {
    const payload = interview(1, new Date("2026-03-02T09:00:00Z"), { got_help: "yes" });
    const wrongSite = {
      municipalityId: fx.municipalityId,
      siteId: newId(),
      kioskId: fx.kioskA.kioskId,
    };
    await expect(storeInterviews(db.pool, wrongSite, [payload])).rejects.toThrow(/local_date/);
    const otherMunicipality = {
      municipalityId: newId(),
      siteId: fx.siteA.siteId,
      kioskId: fx.kioskA.kioskId,
    };
    await expect(storeInterviews(db.pool, otherMunicipality, [payload])).rejects.toThrow();
    const stored = await db.pool.query("select count(*)::int as n from responses");
    expect(stored.rows[0]?.n).toBe(0);
  });

  it("refuses a kiosk of another site (the foreign key covers site and kiosk together)", async () => {
    const payload = interview(1, new Date("2026-03-02T09:00:00Z"), { got_help: "yes" });
    const mismatched = {
      municipalityId: fx.municipalityId,
      siteId: fx.siteB.siteId,
      kioskId: fx.kioskA.kioskId,
    };
    await expect(storeInterviews(db.pool, mismatched, [payload])).rejects.toThrow(/foreign key/);
  });
});
