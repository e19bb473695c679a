import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

let server: TestServer;
let browser: Browser;
const admin = { email: "admin@adgang.dk", password: "admin-password-long" };

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
  await addSite(env.db.pool, { name: "Borgerservice", municipality: "Adgangskommune" });
  await addUser(env.db.pool, { ...admin, role: "admin", siteIds: [] });
});

async function open(): Promise<{ dashboard: DashboardPage; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "da-DK",
  });
  const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
  await dashboard.logIn(admin.email, admin.password);
  return { dashboard, close: () => context.close() };
}

describe("access pages in Chromium", () => {
  it("make an API token shown once, show its last use, revoke it, and log it in the audit log", async () => {
    const { dashboard, close } = await open();
    const page = dashboard.page;
    await dashboard.open("API-nøgler");
    expect(await dashboard.axeViolations(), "API-nøgler").toEqual([]);
    await page.getByLabel("Navn (hvad bruges den til?)").fill("Power BI");
    await page.getByRole("button", { name: "Opret nøgle" }).click();
    const token = ((await page.getByTestId("new-token").textContent()) ?? "").trim();
    expect(token).toMatch(/^bpt_/);
    const row = page.getByRole("row", { name: /Power BI/ });
    await row.getByText("Aktiv").waitFor();
    await expect.poll(() => row.locator("td").nth(4).textContent()).toBe("aldrig");
    // A script uses it; the page then shows when.
    const used = await fetch(`${server.baseUrl}/api/v1/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(used.status).toBe(200);
    await dashboard.open("Revisionslog");
    await dashboard.open("API-nøgler");
    await expect.poll(() => row.locator("td").nth(4).textContent()).not.toBe("aldrig");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: /Tilbagekald/ }).click();
    await row.getByText("Tilbagekaldt").waitFor();
    const refused = await fetch(`${server.baseUrl}/api/v1/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    await dashboard.screenshot("admin-tokens-da");

    await dashboard.open("Revisionslog");
    const table = page.getByTestId("audit-table");
    await table.getByRole("rowheader", { name: "token.revoked" }).waitFor();
    await table.getByRole("rowheader", { name: "token.created" }).waitFor();
    await table.getByRole("rowheader", { name: "login.succeeded" }).first().waitFor();
    expect(await dashboard.axeViolations(), "Revisionslog").toEqual([]);
    await page
      .getByRole("combobox", { name: /^Vis(?! pr\.)/ })
      .selectOption({ label: "API-nøgler" });
    await expect.poll(() => table.getByRole("rowheader", { name: /^login\./ }).count()).toBe(0);
    await dashboard.screenshot("admin-audit-da");
    await close();
  });

  it("let a person change their password and log out everywhere", async () => {
    const other = await open();
    const { dashboard, close } = await open();
    const page = dashboard.page;
    await dashboard.open("Min konto");
    expect(await dashboard.axeViolations(), "Min konto").toEqual([]);
    // Two sessions of this person are listed, this one marked.
    await expect.poll(() => page.getByRole("row").count()).toBeGreaterThanOrEqual(3);
    await page.getByText("(denne)").waitFor();
    await dashboard.screenshot("account-da");
    await page.getByLabel("Nuværende adgangskode").fill(admin.password);
    await page.getByLabel("Ny adgangskode (mindst 12 tegn)").fill("et-helt-nyt-kodeord");
    await page.getByRole("button", { name: "Skift adgangskode" }).click();
    await page.getByText("Adgangskoden er skiftet.", { exact: false }).waitFor();
    // The other browser was logged out by the change; it is shown the log-in page.
    await other.dashboard.page.reload();
    await other.dashboard.page.getByRole("button", { name: "Log ind" }).waitFor();
    await page.getByRole("button", { name: "Log ud overalt" }).click();
    await page.getByRole("button", { name: "Log ind" }).waitFor();
    await dashboard.logIn(admin.email, "et-helt-nyt-kodeord");
    await other.close();
    await close();
  });
});
