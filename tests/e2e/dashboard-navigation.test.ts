import type { Browser, BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addUser } from "../../sync-server/admin/verbs.ts";
import { type DemoResult, seedDemo } from "../../sync-server/demo/seed.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage, type NavLabel } from "./pages/dashboard-page.ts";

type Headline = { percent: number | null };
type Today = {
  date: string;
  responses: { today: number };
  figures: Record<string, { today: Headline }>;
};

let server: TestServer;
let browser: Browser;
let demo: DemoResult;
const adminLogin = { email: "admin@horsens.demo", password: "admin-password-long" };

const daPercent = (p: number | null) =>
  p === null ? "–" : `${new Intl.NumberFormat("da-DK").format(Math.round(p))} %`;

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
  demo = await seedDemo(env.db.pool, testFingerprintKeys, { now: new Date() });
  await addUser(env.db.pool, { ...adminLogin, role: "admin", siteIds: [] });
});

async function session(
  login: { email: string; password: string },
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; dashboard: DashboardPage; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: "da-DK" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const dashboard = new DashboardPage(page, server.baseUrl);
  await dashboard.logIn(login.email, login.password);
  return { context, dashboard, errors };
}

const analyst = () => {
  const found = demo.logins.find((l) => l.role === "analyst");
  if (!found) throw new Error("demo has no analyst");
  return found;
};

const everyPage: NavLabel[] = [
  "I dag",
  "Udvikling",
  "Undersøgelsen",
  "Sammenligning",
  "Lokale spørgsmål",
  "Kommentarer",
  "Kiosker",
  "Eksport",
  "Månedsrapport",
  "Steder",
  "Opsæt kiosker",
  "Brugere",
  "API-nøgler",
  "Log-in (SSO)",
  "Revisionslog",
  "Indstillinger",
  "Opsæt lokale spørgsmål",
  "Min konto",
];

describe("dashboard navigation and filters", () => {
  it("keeps site, kiosk, period and date in the URL: bookmarkable, and they survive a reload", async () => {
    const { context, dashboard, errors } = await session(analyst());
    const page = dashboard.page;
    const town = demo.sites[0];
    const desk = demo.kiosks.find((k) => k.name === "Ventezonen");
    if (!town || !desk) throw new Error("demo site or kiosk missing");
    await page.getByRole("combobox", { name: "Sted" }).selectOption(town.id);
    await page.getByRole("combobox", { name: "Kiosk" }).selectOption(desk.id);
    // Yesterday, in the sites' zone: another day than today.
    const day = await page.evaluate(() => {
      const d = new Date(Date.now() - 86_400_000);
      return d.toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" });
    });
    await page.getByLabel("Dag", { exact: true }).fill(day);
    await expect.poll(() => new URL(page.url()).searchParams.get("date")).toBe(day);
    const url = new URL(page.url());
    expect(url.searchParams.get("site")).toBe(town.id);
    expect(url.searchParams.get("kiosk")).toBe(desk.id);

    // The cards show that kiosk's figures for that day, exactly as the API has them.
    const api = await dashboard.api<Today>(
      `/api/v1/dashboard/today?site=${town.id}&kiosk=${desk.id}&date=${day}`,
    );
    expect(api.status).toBe(200);
    expect(api.body.date).toBe(day);
    const expected = daPercent(api.body.figures.got_help?.today.percent ?? null);
    await expect.poll(() => dashboard.figureText("got_help", "today")).toBe(expected);

    await page.reload();
    await page.getByRole("button", { name: "Log ud" }).waitFor();
    expect(await page.getByRole("combobox", { name: "Sted" }).inputValue()).toBe(town.id);
    await expect
      .poll(() => page.getByRole("combobox", { name: "Kiosk" }).inputValue())
      .toBe(desk.id);
    expect(await page.getByLabel("Dag", { exact: true }).inputValue()).toBe(day);
    await expect.poll(() => dashboard.figureText("got_help", "today")).toBe(expected);

    // Another page keeps the filters; a period choice is added to them.
    await dashboard.open("Udvikling");
    expect(new URL(page.url()).searchParams.get("kiosk")).toBe(desk.id);
    await page.getByRole("button", { name: "90 dage" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("period")).toBe("90");
    // 90 days are shown per week by default; the choice is the chief's.
    await expect
      .poll(() => page.getByRole("button", { name: "uge" }).getAttribute("aria-pressed"))
      .toBe("true");
    await page.getByRole("button", { name: "måned" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("by")).toBe("month");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Udvikling" }).waitFor();
    expect(await page.getByRole("button", { name: "måned" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    expect(await page.getByRole("button", { name: "90 dage" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    // Back to all sites drops the kiosk, which belongs to one site.
    await page.getByRole("combobox", { name: "Sted" }).selectOption("");
    await expect.poll(() => new URL(page.url()).searchParams.get("kiosk")).toBeNull();
    expect(await page.getByRole("combobox", { name: "Kiosk" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on a phone, the menu shows every page and none is cut off at the screen edge", async () => {
    const { context, dashboard } = await session(adminLogin, { width: 390, height: 844 });
    const page = dashboard.page;
    const toggle = page.getByRole("button", { name: /^Menu/ });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const links = page.getByRole("navigation").getByRole("link");
    expect(await links.allTextContents()).toEqual(everyPage);
    for (const link of await links.all()) {
      const box = await link.boundingBox();
      const name = (await link.textContent()) ?? "";
      expect(box, name).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390, name).toBe(true);
    }
    await dashboard.open("Kiosker");
    // Following a link closes the menu again.
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await context.close();
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`passes axe on every page at ${viewport.width}×${viewport.height}, without sideways scroll or wrapped figures`, async () => {
      const { context, dashboard, errors } = await session(adminLogin, viewport);
      for (const label of everyPage) {
        await dashboard.open(label);
        await dashboard.settled();
        expect(await dashboard.axeViolations(), label).toEqual([]);
        expect(await dashboard.sidewaysScroll(), label).toBeLessThanOrEqual(0);
        expect(await dashboard.wrappedPercentages(), label).toEqual([]);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("does not scroll sideways at 320 px on any page (WCAG 1.4.10 reflow)", async () => {
    const { context, dashboard } = await session(adminLogin, { width: 320, height: 720 });
    for (const label of everyPage) {
      await dashboard.open(label);
      await dashboard.settled();
      // Open every table view too: wide tables must scroll inside their own box.
      for (const details of await dashboard.page.locator("details").all()) {
        await details.evaluate((element) => element.setAttribute("open", ""));
      }
      const sideways = await dashboard.sidewaysScroll();
      expect(sideways, `${label}: ${(await dashboard.sticksOut()).join(", ")}`).toBeLessThanOrEqual(
        0,
      );
      // Every box that scrolls sideways can be reached and scrolled by keyboard.
      const unreachable = await dashboard.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("main *")]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
          .filter((el) => el.tabIndex < 0 || !el.getAttribute("aria-label"))
          .map((el) => el.className),
      );
      expect(unreachable, label).toEqual([]);
      await dashboard.screenshot(`phone-320-${label.replaceAll(" ", "-").toLowerCase()}`);
    }
    await context.close();
  });
});
