import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
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
