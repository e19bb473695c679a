import { parse } from "csv-parse/sync";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type DemoResult, seedDemo } from "../../sync-server/demo/seed.ts";
import type { TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardExportPage } from "./pages/dashboard-export.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

let db: TestDatabase;
let server: TestServer;
let browser: Browser;
let demo: DemoResult;

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
  demo = await seedDemo(db.pool, testFingerprintKeys, { now: new Date() });
});

describe("the Eksport page", () => {
  it("counts, streams with progress, and saves a CSV that opens in Danish Excel and in R/pandas", async () => {
    const analyst = demo.logins[1];
    if (!analyst) throw new Error("demo has no analyst");
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const dashboard = new DashboardPage(page, server.baseUrl);
    await dashboard.logIn(analyst.email, analyst.password);
    await dashboard.open("Eksport");
    const exporter = new DashboardExportPage(page);
    await exporter.setRange(demo.firstDate, demo.lastDate);
    expect(await dashboard.axeViolations()).toEqual([]);

    const { body } = await dashboard.api<{ rows: number }>(
      `/api/v1/export/responses/count?from=${demo.firstDate}&to=${demo.lastDate}`,
    );
    expect(body.rows).toBeGreaterThan(1000);

    // Excel (dansk), the default: BOM, semicolons, CRLF; every counted row arrives.
    await exporter.recordProgress();
    const excel = await exporter.download("Hent svar (responses.csv)");
    const seen = await exporter.progressSeen();
    expect(
      seen.some((text) => /rækker af/.test(text)),
      seen.join(" | "),
    ).toBe(true);
    expect(await page.getByRole("status").filter({ hasText: "Færdig" }).textContent()).toContain(
      new Intl.NumberFormat("da-DK").format(body.rows),
    );
    await dashboard.screenshot("export-done-desktop-da");
    expect(excel.fileName).toMatch(/\.csv$/);
    expect([...excel.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const excelText = excel.bytes.toString("utf8").slice(1);
    // Times to the hour by default: no id (a UUIDv7 holds the instant) and no clock time.
    expect(excelText.split("\r\n")[0]).toMatch(
      /^site_id;site_name;kiosk_id;local_date;weekday;hour;duration_s;/,
    );
    const excelRows = parse(excelText, { delimiter: ";", columns: true, bom: true }) as object[];
    expect(excelRows).toHaveLength(body.rows);

    // R & pandas with Danish labels: plain RFC 4180, comma, no BOM.
    await exporter.choose("Format", "R & pandas");
    await exporter.choose("Svarkoder", "Danske tekster");
    const rfc = await exporter.download("Hent svar (responses.csv)");
    expect(rfc.bytes[0]).not.toBe(0xef);
    const rfcRows = parse(rfc.bytes.toString("utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rfcRows).toHaveLength(body.rows);
    expect(new Set(rfcRows.map((row) => row.got_help))).toContain("Ja");

    // The figures table, by week.
    await exporter.choose("Opdelt efter", "uge");
    const figures = await exporter.download("Hent tal (figures.csv)");
    expect(figures.bytes.toString("utf8").split("\n")[0]).toContain("period");
    await context.close();
  });
});
