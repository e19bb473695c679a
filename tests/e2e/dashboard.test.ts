import type { Browser, BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addKiosk, addUser } from "../../sync-server/admin/verbs.ts";
import { type DemoResult, seedDemo } from "../../sync-server/demo/seed.ts";
import type { TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage, type NavLabel } from "./pages/dashboard-page.ts";

type Headline = { percent: number | null; n: number | string; uncertain: boolean };
type Today = {
  responses: { today: number; last7: number; last30: number };
  figures: Record<string, { today: Headline; last7: Headline; last30: Headline }>;
};

let db: TestDatabase;
let server: TestServer;
let browser: Browser;
let demo: DemoResult;
const adminLogin = { email: "admin@horsens.demo", password: "admin-password-long" };

const daNumber = (n: number) => new Intl.NumberFormat("da-DK").format(n);
const daPercent = (p: number | null) => (p === null ? "–" : `${daNumber(Math.round(p))} %`);

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
  demo = await seedDemo(db.pool, testFingerprintKeys, { now: new Date() });
  await addUser(db.pool, { ...adminLogin, role: "admin", siteIds: [demo.sites[0]?.id ?? ""] });
});

async function session(
  login: { email: string; password: string },
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; dashboard: DashboardPage; errors: string[] }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: "da-DK",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const dashboard = new DashboardPage(page, server.baseUrl);
  await dashboard.logIn(login.email, login.password);
  return { context, dashboard, errors };
}

const login = (index: number) => {
  const found = demo.logins[index];
  if (!found) throw new Error("demo has no such login");
  return { email: found.email, password: found.password };
};

describe("the dashboard in Chromium", () => {
  it("logs in, shows today's figures exactly as the API has them, and logs out", async () => {
    const { context, dashboard, errors } = await session(login(0));
    const page = dashboard.page;
    await expect.poll(() => page.locator("[data-figure]").count()).toBe(4);
    const api = await dashboard.api<Today>("/api/v1/dashboard/today");
    expect(api.status).toBe(200);
    for (const stat of ["today", "last7", "last30"] as const) {
      expect(await dashboard.responsesText(stat)).toBe(daNumber(api.body.responses[stat]));
    }
    for (const code of ["got_help", "guided_well", "seen_heard", "nothing_to_improve"]) {
      const figure = api.body.figures[code];
      if (!figure) throw new Error(`no ${code}`);
      for (const period of ["today", "last7", "last30"] as const) {
        expect(await dashboard.figureText(code, period), `${code} ${period}`).toBe(
          daPercent(figure[period].percent),
        );
      }
      // Few answers today are marked uncertain, exactly when the server says so.
      const marked = await page
        .locator(`[data-figure="${code}"] [data-period="today"] .uncertain`)
        .count();
      expect(marked).toBe(figure.today.uncertain && figure.today.percent !== null ? 1 : 0);
    }
    // The interval is drawn, and named in words for screen readers.
    expect(await page.getByRole("img", { name: /95 %-interval/ }).count()).toBeGreaterThan(0);
    await dashboard.screenshot("today-desktop-da");
    await dashboard.logOut();
    expect((await dashboard.api("/api/v1/dashboard/today")).status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a chief to their own site, in the UI and in the API", async () => {
    const { context, dashboard } = await session(login(0));
    const town = demo.sites[0];
    const library = demo.sites[1];
    if (!town || !library) throw new Error("demo sites missing");
    // No site picker with the other site; only the chief's own site's kiosks are listed.
    expect(await dashboard.page.getByRole("combobox", { name: "Sted" }).count()).toBe(0);
    await expect.poll(() => dashboard.page.locator(".scope-single").textContent()).toBe(town.name);
    await dashboard.open("Kiosker");
    await dashboard.page.locator("tr[data-kiosk]").first().waitFor();
    expect(await dashboard.page.getByText("Biblioteket, indgang").count()).toBe(0);
    await dashboard.open("Eksport");
    expect(await dashboard.page.getByRole("option", { name: library.name }).count()).toBe(0);
    for (const path of [
      `/api/v1/dashboard/today?site=${library.id}`,
      `/api/v1/dashboard/trend?site=${library.id}&from=2026-01-01&to=2026-01-31`,
      `/api/v1/report?site=${library.id}&from=2026-01-01&to=2026-01-31`,
    ]) {
      const { status, body } = await dashboard.api<{ error: { code: string } }>(path);
      expect(status, path).toBe(403);
      expect(body.error.code).toBe("forbidden");
    }
    expect((await dashboard.api("/api/v1/admin/users")).status).toBe(403);
    await context.close();
  });

  it("shows new data by itself within 30 s, without a reload", async () => {
    const { context, dashboard } = await session(login(0));
    const town = demo.sites[0];
    if (!town) throw new Error("demo site missing");
    const before = (await dashboard.api<Today>("/api/v1/dashboard/today")).body.responses.today;
    await expect.poll(() => dashboard.responsesText("today")).toBe(daNumber(before));
    await dashboard.page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const me = await dashboard.api<{ municipality: { id: string } }>("/api/v1/session");
    const kiosk = await addKiosk(db.pool, { siteId: town.id, name: "Ny kiosk" });
    const now = Date.now();
    await storeInterviews(
      db.pool,
      { municipalityId: me.body.municipality.id, siteId: town.id, kioskId: kiosk.kioskId },
      [1, 2, 3].map((seq) =>
        interview(seq, new Date(now - 60_000 * seq), { got_help: "yes", seen_heard: "yes" }),
      ),
    );
    await expect
      .poll(() => dashboard.responsesText("today"), { timeout: 31_000, interval: 500 })
      .toBe(daNumber(before + 3));
    // Same page: the marker set before the data arrived is still there.
    expect(await dashboard.page.evaluate(() => "marker" in window)).toBe(true);
    await context.close();
  }, 60_000);

  it("finds comments by a word, newest first, as the API lists them", async () => {
    const { context, dashboard } = await session(login(1));
    await dashboard.open("Kommentarer");
    await dashboard.page.getByLabel("Søg i kommentarer").fill("VENTETIDEN");
    await dashboard.page.getByRole("button", { name: "Søg", exact: true }).click();
    const from = await dashboard.page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() - 89);
      return d.toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" });
    });
    const to = await dashboard.page.evaluate(() =>
      new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" }),
    );
    const api = await dashboard.api<{ comments: { text: string }[] }>(
      `/api/v1/dashboard/comments?from=${from}&to=${to}&q=ventetiden&limit=20`,
    );
    expect(api.body.comments.length).toBeGreaterThan(0);
    const quotes = dashboard.page.locator(".comment-list blockquote");
    await expect
      .poll(() => quotes.allTextContents())
      .toEqual(api.body.comments.map((comment) => comment.text));
    for (const text of await quotes.allTextContents())
      expect(text.toLowerCase()).toContain("ventetiden");
    await context.close();
  });

  it("returns to the log-in page when the session ends on the server", async () => {
    const { context, dashboard } = await session(login(1));
    // Test-only: end every session, as idle expiry or an admin disabling the user would.
    await db.pool.query("delete from sessions");
    await dashboard.open("Udvikling");
    await dashboard.page.getByRole("button", { name: "Log ind" }).waitFor();
    await context.close();
  });

  it("passes axe on every main page and saves screenshots", async () => {
    const { context, dashboard, errors } = await session(adminLogin);
    await expect.poll(() => dashboard.page.locator("[data-figure]").count()).toBe(4);
    expect(await dashboard.axeViolations(), "I dag (da)").toEqual([]);
    await dashboard.switchLanguage();
    await expect.poll(() => dashboard.page.getAttribute("html", "lang")).toBe("en");
    await expect
      .poll(() => dashboard.page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Today");
    expect(await dashboard.axeViolations(), "Today (en)").toEqual([]);
    await dashboard.screenshot("today-desktop-en");
    await dashboard.switchLanguage();
    const pages: [NavLabel, string][] = [
      ["Udvikling", "trends"],
      ["Sammenligning", "compare"],
      ["Kommentarer", "comments"],
      ["Kiosker", "kiosks"],
      ["Eksport", "export"],
      ["Steder", "admin-sites"],
      ["Opsæt kiosker", "admin-kiosks"],
      ["Brugere", "admin-users"],
    ];
    for (const [label, file] of pages) {
      await dashboard.open(label);
      await dashboard.page.waitForLoadState("networkidle");
      expect(await dashboard.axeViolations(), label).toEqual([]);
      await dashboard.screenshot(`${file}-desktop-da`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works on a phone", async () => {
    const { context, dashboard } = await session(login(1), {
      viewport: { width: 390, height: 844 },
    });
    await expect.poll(() => dashboard.page.locator("[data-figure]").count()).toBe(4);
    // Nothing wider than the screen except scrollable tables.
    const overflow = await dashboard.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await dashboard.axeViolations()).toEqual([]);
    await dashboard.screenshot("today-phone-da");
    // A deep link (bookmark) opens the page directly: the server answers it with the app.
    await dashboard.page.goto(`${server.baseUrl}/dashboard/udvikling`);
    await expect
      .poll(() => dashboard.page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Udvikling");
    expect(await dashboard.page.title()).toBe("Udvikling – Borgerpuls");
    await dashboard.page.waitForLoadState("networkidle");
    await dashboard.screenshot("trends-phone-da");
    await context.close();
  });

  it("lets an admin add a kiosk (enrolment link and QR code once) and invite a user", async () => {
    const { context, dashboard } = await session(adminLogin);
    await dashboard.open("Opsæt kiosker");
    await dashboard.page.getByLabel("Navn").fill("Skranke 3");
    await dashboard.page.getByRole("button", { name: "Tilføj kiosk" }).click();
    const link = await dashboard.page.getByTestId("enroll-url").textContent();
    expect(link).toMatch(/\/kiosk\/\?enroll=/);
    expect(await dashboard.page.getByRole("img", { name: "QR-kode til tilmelding" }).count()).toBe(
      1,
    );
    await dashboard.page.getByRole("row", { name: /Skranke 3/ }).waitFor();
    await dashboard.screenshot("admin-kiosk-added-da");
    // Revoking asks first; afterwards the kiosk is marked revoked in the list.
    dashboard.page.once("dialog", (dialog) => void dialog.accept());
    const row = dashboard.page.getByRole("row", { name: /Skranke 3/ });
    await row.getByRole("button", { name: /Tilbagekald/ }).click();
    await row.getByText("Tilbagekaldt").waitFor();
    // Opening hours: the library opens on Sundays from now on.
    await dashboard.open("Steder");
    const library = dashboard.page.getByRole("region", { name: "Biblioteket Langmarksvej" });
    await library.getByLabel("Søndag").fill("11:00-14:00");
    await library.getByRole("button", { name: "Gem" }).click();
    await library.getByText("Gemt.").waitFor();
    const sites = await dashboard.api<{
      sites: { name: string; openingHours: { sun: string[][] } }[];
    }>("/api/v1/admin/sites");
    const saved = sites.body.sites.find((site) => site.name === "Biblioteket Langmarksvej");
    expect(saved?.openingHours.sun).toEqual([["11:00", "14:00"]]);
    // Inviting a user shows the generated password once; the new user can log in with it.
    await dashboard.open("Brugere");
    await dashboard.page.getByLabel("E-mail", { exact: true }).fill("ny.chef@horsens.demo");
    await dashboard.page.getByRole("button", { name: "Inviter", exact: true }).click();
    const password = (await dashboard.page.getByTestId("invited-password").textContent()) ?? "";
    expect(password.length).toBeGreaterThanOrEqual(12);
    await dashboard.page.getByRole("rowheader", { name: "ny.chef@horsens.demo" }).waitFor();
    await dashboard.logOut();
    await dashboard.logIn("ny.chef@horsens.demo", password);
    await context.close();
  });
});
