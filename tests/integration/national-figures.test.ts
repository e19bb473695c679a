import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDisclosureLimit } from "../../sync-server/queries/municipalities.ts";
import { buildNationalFigures } from "../../sync-server/reports/national.ts";
import { buildReport } from "../../sync-server/reports/report.ts";
import { loadReportContext } from "../../sync-server/reports/report-context.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";

let db: TestDatabase;
const range = { from: "2026-11-01", to: "2026-11-30", includeSuspect: false };
const fixtures: Awaited<ReturnType<typeof twoSiteFixture>>[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // Three municipalities of different sizes; the smallest below its disclosure limit.
  for (const [name, count] of [
    ["Storkommune", 40],
    ["Mellemkommune", 12],
    ["Ø-kommune", 3],
  ] as const) {
    const fixture = await twoSiteFixture(db.pool, name);
    fixtures.push(fixture);
    const payloads = Array.from({ length: count }, (_, i) =>
      interview(i + 1, new Date(Date.parse("2026-11-10T09:00:00Z") + i * 3_600_000), {
        got_help: i % 3 === 0 ? "no" : "yes",
        guidance: i % 2 === 0 ? "very_good" : "good",
      }),
    );
    await storeInterviews(db.pool, fixture.kioskA, payloads.slice(0, count / 2));
    await storeInterviews(db.pool, fixture.kioskB, payloads.slice(count / 2));
  }
  // One outside the range, which must not count.
  const largest = fixtures[0];
  if (largest)
    await storeInterviews(db.pool, largest.kioskA, [
      interview(100, new Date("2026-10-20T09:00:00Z"), { got_help: "yes" }),
    ]);
});

afterAll(async () => {
  await db?.drop();
});

describe("every municipality's figures at once", () => {
  it("equal each municipality's own all-sites report, under its own disclosure limit", async () => {
    const first = fixtures[1];
    if (first) await setDisclosureLimit(db.pool, first.municipalityId, 10);
    const national = await buildNationalFigures(db.pool, range);
    expect(national).toHaveLength(fixtures.length);
    for (const fixture of fixtures) {
      const scope = {
        municipalityId: fixture.municipalityId,
        siteIds: null,
        kioskId: null,
        includeSuspect: false,
      };
      const own = await buildReport(
        db.pool,
        scope,
        { from: range.from, to: range.to, site: null },
        await loadReportContext(db.pool, scope),
      );
      const row = national.find((candidate) => candidate.municipalityId === fixture.municipalityId);
      expect(row?.responses).toBe(own.responses);
      expect(row?.questions).toEqual(own.questions);
    }
    expect(national.map((row) => row.responses).sort((a, b) => a - b)).toEqual([3, 12, 40]);
  });
});
