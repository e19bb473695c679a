import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { migrate } from "../../sync-server/migrate.ts";
import { insertBulkResponses } from "../helpers/bulk-responses.ts";
import { createEmptyDatabase, type TestDatabase } from "../helpers/database.ts";

const logger = createLogger("silent");
let db: TestDatabase;
beforeAll(async () => {
  db = await createEmptyDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("migration 0021 fills each kiosk's first seq 1 from the responses stored before it", () => {
  it("keeps the oldest id of a kiosk whose seq restarted, and null for one with no seq 1", async () => {
    await migrate(db.pool, logger, undefined, { upTo: 20 });
    const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Før 0021" });
    const kiosks = [];
    for (const name of ["Genstartet", "Uden et", "Ny"]) {
      const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name });
      kiosks.push({
        municipalityId: site.municipalityId,
        siteId: site.siteId,
        kioskId: kiosk.kioskId,
      });
    }
    const [restarted, noFirst, unsynced] = kiosks;
    if (!restarted || !noFirst || !unsynced) throw new Error("three kiosks");
    // Two runs from 1 (the second later in time, so under later ids), and one from 5.
    await insertBulkResponses(db.pool, restarted, 4, { lastDate: "2026-10-01", days: 1 });
    await insertBulkResponses(db.pool, restarted, 2, { lastDate: "2026-11-01", days: 1 });
    await insertBulkResponses(db.pool, noFirst, 3, { lastDate: "2026-11-01", firstSeq: 5 });
    // kiosk_health rows as syncs wrote them; the unsynced kiosk has none.
    await db.pool.query(
      `insert into kiosk_health (municipality_id, kiosk_id, site_id, last_sync_at)
       select municipality_id, id, site_id, now() from kiosks where id = any ($1::uuid[])`,
      [[restarted.kioskId, noFirst.kioskId]],
    );
    await migrate(db.pool, logger);
    const result = await db.pool.query<{ kiosk_id: string; first: string | null; oldest: string }>(
      `select h.kiosk_id::text, h.first_seq_one_id::text as first,
              (select min(r.id::text) from responses r
                where r.kiosk_id = h.kiosk_id and r.seq = 1) as oldest
       from kiosk_health h`,
    );
    const byKiosk = new Map(result.rows.map((row) => [row.kiosk_id, row]));
    expect(byKiosk.size).toBe(2);
    const first = byKiosk.get(restarted.kioskId);
    expect(first?.first).toBe(first?.oldest);
    expect(first?.first).toMatch(/^[0-9a-f-]{36}$/);
    expect(byKiosk.get(noFirst.kioskId)?.first).toBeNull();
  });
});
