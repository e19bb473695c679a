import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import type { RollupScope } from "../../sync-server/queries/report-rollups.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import { buildReport } from "../../sync-server/reports/report.ts";
import { loadReportContext } from "../../sync-server/reports/report-context.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * The all-sites report reads rollup_municipality_daily (migration 0016), kept by the same ingest
 * statement as the site rollup: many syncs of one municipality on one day, some at once, must
 * add up to exactly what the sites' rows and the raw responses say.
 */
let db: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

describe("the all-sites rollup", () => {
  it("adds up every sync of a municipality's sites, concurrent ones too, and gives the site rollup's report", async () => {
    const sites = [
      await addSite(db.pool, { name: "Rådhuset", municipality: "Alle-kommune" }),
      await addSite(db.pool, { name: "Biblioteket", municipality: "Alle-kommune" }),
    ];
    const kiosks = [
      await addKiosk(db.pool, { siteId: sites[0]?.siteId ?? "" }),
      await addKiosk(db.pool, { siteId: sites[0]?.siteId ?? "" }),
      await addKiosk(db.pool, { siteId: sites[1]?.siteId ?? "" }),
    ];
    const at = Date.now() - 2 * 3_600_000;
    // Four batches per kiosk, the kiosks' batches sent at the same moment.
    for (let batch = 0; batch < 4; batch++) {
      const replies = await Promise.all(
        kiosks.map((kiosk, k) =>
          postSync(
            server.baseUrl,
            kiosk.token,
            syncBody(
              Array.from({ length: 5 }, (_, i) =>
                samplePayload(
                  batch * 5 + i + 1,
                  i % 2 === 0 ? { answers: { got_help: "no", guidance: "poor" } } : {},
                  at + (batch * 5 + i) * 60_000 + k,
                ),
              ),
            ),
          ),
        ),
      );
      expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    }
    expect(await rollupMismatches(db.pool)).toEqual([]);
    const municipality = await db.pool.query<{ responses: number }>(
      "select sum(responses)::int as responses from rollup_municipality_daily where municipality_id = $1",
      [kiosks[0]?.municipalityId],
    );
    expect(municipality.rows[0]?.responses).toBe(60);

    const days = await db.pool.query<{ from: string; to: string }>(
      `select min(local_date)::text as "from", max(local_date)::text as "to" from responses`,
    );
    const range = { from: days.rows[0]?.from ?? "", to: days.rows[0]?.to ?? "", site: null };
    const scopeOf = (siteIds: string[] | null): RollupScope => ({
      municipalityId: kiosks[0]?.municipalityId ?? "",
      siteIds,
      kioskId: null,
      includeSuspect: false,
    });
    const report = async (scope: RollupScope) =>
      buildReport(db.pool, scope, range, await loadReportContext(db.pool, scope));
    const allSites = await report(scopeOf(null));
    const bothSites = await report(scopeOf(sites.map((site) => site.siteId)));
    expect(allSites.responses).toBe(60);
    expect(allSites.questions).toEqual(bothSites.questions);
    expect(allSites.daily).toEqual(bothSites.daily);

    // The repair tool rebuilds it to the same rows.
    const before = await db.pool.query(
      "select * from rollup_municipality_daily order by municipality_id, local_date, suspect",
    );
    await rebuildRollups(db.pool);
    const after = await db.pool.query(
      "select * from rollup_municipality_daily order by municipality_id, local_date, suspect",
    );
    const counts = (rows: Record<string, unknown>[]) =>
      rows.map(({ updated_at: _updated, ...row }) => row);
    expect(counts(after.rows)).toEqual(counts(before.rows));
  });
});
