import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addUser } from "../../sync-server/admin/verbs.ts";
import { da } from "../../sync-server/dashboard/i18n/da.ts";
import { type DemoResult, seedDemo } from "../../sync-server/demo/seed.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

type Figure = {
  n: number | null;
  suppressed: boolean;
  answers: { code: string; label: { da: string }; percent: number | null }[];
};
type Study = { responses: number; gotHelp: Figure & { reasons: Figure } };

let server: TestServer;
let browser: Browser;
let demo: DemoResult;
const login = { email: "rapport@horsens.demo", password: "report-password-long" };

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
  demo = await seedDemo(env.db.pool, testFingerprintKeys, { now: new Date() });
  await addUser(env.db.pool, { ...login, role: "admin", siteIds: [] });
});

const daNumber = (n: number) => new Intl.NumberFormat("da-DK").format(n);

/** Text of each page of a PDF, by Debian's poppler-utils (pages are split by form feeds). */
function pdfPages(pdf: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bp-print-")), "report.pdf");
  fs.writeFileSync(file, pdf);
  try {
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    // One string per page, whitespace runs (line breaks in table cells) as one space.
    return text
      .split("\f")
      .filter((page) => page.trim() !== "")
      .map((page) => page.replace(/\s+/g, " "));
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe("the printable monthly report", () => {
  it("prints one A4 page per site with that site's figures, without the menu", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const dashboard = new DashboardPage(page, server.baseUrl);
    await dashboard.logIn(login.email, login.password);
    // The demo's last whole month (the default the page opens on).
    const month = await page.evaluate(() => {
      const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" });
      const firstOfMonth = new Date(`${today.slice(0, 7)}-01T12:00:00Z`);
      firstOfMonth.setUTCDate(0);
      return firstOfMonth.toISOString().slice(0, 7);
    });
    await dashboard.open("Månedsrapport");
    await page
      .locator("section.sheet")
      .nth(demo.sites.length - 1)
      .waitFor();
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(demo.sites.length);
    const [from, to] = [
      `${month}-01`,
      await page.evaluate((m) => {
        const d = new Date(`${m}-01T12:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() + 1, 0);
        return d.toISOString().slice(0, 10);
      }, month),
    ];
    for (const site of demo.sites) {
      // Exactly one page names the site, and it names no other site.
      const own = pages.filter((page) => page.includes(site.name));
      expect(own, site.name).toHaveLength(1);
      const text = own[0] ?? "";
      for (const other of demo.sites) if (other !== site) expect(text).not.toContain(other.name);
      expect(text).not.toContain("Udvikling"); // the menu is not printed
      const api = await dashboard.api<Study>(
        `/api/v1/dashboard/study?site=${site.id}&from=${from}&to=${to}`,
      );
      expect(api.status).toBe(200);
      expect(text).toContain(`${daNumber(api.body.responses)} svar`);
      const yes = api.body.gotHelp.answers.find((a) => a.code === "yes");
      if (yes?.percent !== null && yes?.percent !== undefined) {
        expect(text).toContain(`${daNumber(Math.round(yes.percent))} %`);
      }
      expect(text).toContain(`N = ${daNumber(api.body.gotHelp.n ?? 0)}`);
      // Why not (questionnaire 2), as the reasons to improve: its own N, its answers or hidden.
      const reasons = api.body.gotHelp.reasons;
      expect(reasons.n).toBeGreaterThan(0);
      expect(text).toContain(`${da.study_no_help_reasons} (N = ${daNumber(reasons.n ?? 0)})`);
      const table = page.locator(`[data-site="${site.id}"] [data-study="no_help_reasons"]`);
      expect(await table.locator("tbody th[scope=row]").allTextContents()).toEqual(
        reasons.suppressed ? [] : reasons.answers.map((answer) => answer.label.da),
      );
      if (reasons.suppressed) expect(await table.textContent()).toContain(da.hiddenGroupHint);
    }
    await context.close();
  });
});
