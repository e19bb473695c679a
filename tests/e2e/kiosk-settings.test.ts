import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locales } from "../../shared/locales.ts";
import type { OpeningHours } from "../../shared/opening-hours.ts";
import { changeSiteSettings } from "../../sync-server/admin/site-settings.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { updateOpeningHours } from "../../sync-server/queries/sites.ts";
import { launchChromium } from "./browser.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";
import { axeViolations } from "./pages/kiosk-axe.ts";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import type { KioskModel } from "./pages/kiosk-model.ts";
import { testConfig } from "./pages/kiosk-page.ts";
import { StaffMode } from "./pages/kiosk-staff.ts";

/**
 * Central kiosk settings: an admin sets them on the dashboard (Chromium: the dashboard is a
 * desktop page), and the kiosk, in Chromium and in WebKit (the iPad's engine) with one scenario
 * body, applies them at the next start screen, keeps them offline (the kiosk's network cut,
 * kiosk-network.ts) and sleeps outside opening hours.
 */
const env = setUpKioskEnv();
let dashboardBrowser: Browser;
/** A site of the municipality's that no browser run changes (the admin needs one to exist). */
let plainSite: { siteId: string; municipalityId: string };
const adminLogin = { email: "admin@settings.test", password: "en meget lang adgangskode" };

beforeAll(async () => {
  plainSite = await addSite(env.db().pool, {
    name: "Borgerservice Koder",
    municipality: "Kommune",
  });
  await addUser(env.db().pool, {
    ...adminLogin,
    role: "admin",
    siteIds: [],
    municipality: "Kommune",
  });
  dashboardBrowser = await launchChromium();
});
afterAll(async () => {
  await dashboardBrowser?.close();
});

const week = (hours: [string, string][]): OpeningHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: hours,
  sun: hours,
});

/** The dashboard as the admin, in a context of its own; closed after `use`. */
async function asAdmin(use: (dashboard: DashboardPage) => Promise<void>): Promise<void> {
  const context = await dashboardBrowser.newContext({ locale: "da-DK" });
  try {
    const dashboard = new DashboardPage(await context.newPage(), env.baseUrl());
    await dashboard.logIn(adminLogin.email, adminLogin.password);
    await use(dashboard);
  } finally {
    await context.close();
  }
}

/** What the kiosk runs with now, and what it has kept from the last sync. */
const applied = (kiosk: KioskModel) => kiosk.attribute("html", "data-settings-version");
const kept = async (kiosk: KioskModel) =>
  ((await kiosk.meta("kioskSettings")) as { version: number } | undefined)?.version;
/** The engine also syncs on the browser's `online` event: the quickest way to ask for one. */
const syncNow = (kiosk: KioskModel) =>
  kiosk.driver.run(`window.dispatchEvent(new Event("online"));`);
const offeredLanguages = (kiosk: KioskModel) =>
  kiosk.driver.run<string[]>(
    "return [...document.querySelectorAll('[data-locale]')].map((b) => b.dataset.locale);",
  );

for (const name of browserNames) {
  describe(`central kiosk settings (${name})`, () => {
    const kiosk = env.useBrowser(name);
    const staff = () => new StaffMode(kiosk());
    // A site per browser: each run changes its settings and opening hours.
    const siteName = `Borgerservice Indstillinger (${name})`;
    let site: { siteId: string; municipalityId: string };
    beforeAll(async () => {
      site = await addSite(env.db().pool, { name: siteName, municipality: "Kommune" });
    });

    async function enrolledKiosk(label: string): Promise<void> {
      const { token } = await addKiosk(env.db().pool, { siteId: site.siteId, name: label });
      await kiosk().driver.open(testConfig, `?enroll=${encodeURIComponent(token)}`);
      await staff().waitForScreen("staff-setup");
      expect(await staff().choosePin("2468")).toBe("");
      await staff().waitForStart();
    }

    it("an admin sets them on the dashboard; the kiosk applies them at the next start screen, never mid-interview, and keeps them offline", async () => {
      await enrolledKiosk("Skranke 1");
      await expect.poll(() => kept(kiosk())).toBeGreaterThanOrEqual(1);
      const before = (await kept(kiosk())) ?? 0;
      expect(await offeredLanguages(kiosk())).toEqual([...locales]);

      await asAdmin(async (dashboard) => {
        await dashboard.open("Steder");
        const card = dashboard.page.getByRole("region", { name: siteName });
        await card.locator("summary", { hasText: "Kioskindstillinger" }).click();
        for (const code of locales.filter((code) => code !== "da" && code !== "en"))
          await card.locator(`input[name="language-${code}"]`).uncheck();
        const save = card
          .locator("[data-kiosk-settings]")
          .getByRole("button", { name: "Gem kioskindstillinger" });
        await card.locator('input[name="promptMs"]').fill("10");
        await save.click();
        // Below WCAG 2.2.1's 20 s: refused, with the server's reason, nothing stored.
        await card.getByRole("alert").filter({ hasText: "promptMs" }).waitFor();
        await card.locator('input[name="promptMs"]').fill("30");
        await save.click();
        await card.getByText(/Gemt\. Version/).waitFor();
        expect(await dashboard.axeViolations()).toEqual([]);
      });

      // Mid-interview the new settings arrive but are not used.
      await kiosk().start();
      await syncNow(kiosk());
      await expect.poll(() => kept(kiosk())).toBe(before + 1);
      expect(await applied(kiosk())).toBe(String(before));
      expect(await kiosk().screen()).toBe("got_help");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await applied(kiosk())).toBe(String(before));
      for (const answer of ["yes", "no", "very_good", "yes", "nothing"])
        await kiosk().answer(answer);
      await kiosk().done();
      // The next start screen: applied.
      await expect.poll(() => applied(kiosk())).toBe(String(before + 1));
      expect(await offeredLanguages(kiosk())).toEqual(["da", "en"]);

      // Offline and reloaded, the kiosk goes on with the settings it had.
      await kiosk().waitForServiceWorker();
      env.setOnline(false);
      await kiosk().driver.reload();
      expect(await applied(kiosk())).toBe(String(before + 1));
      expect(await offeredLanguages(kiosk())).toEqual(["da", "en"]);
    });

    it("the sleep screen: outside opening hours a calm closed screen and no interview; back when open", async () => {
      await enrolledKiosk("Skranke 2");
      const where = { municipalityId: site.municipalityId, id: site.siteId };
      await updateOpeningHours(env.db().pool, where, week([]));
      await changeSiteSettings(env.db().pool, {
        siteId: site.siteId,
        change: { sleepOutsideHours: true },
        actor: { kind: "cli" },
      });
      await syncNow(kiosk());
      await staff().waitForScreen("sleep");
      expect(await kiosk().heading()).toBe("Borgerservice er lukket");
      expect(await kiosk().count('[data-action="start"]')).toBe(0);
      expect(await axeViolations(kiosk().driver)).toEqual([]);
      // Staff can still reach staff mode.
      expect(await kiosk().count("[data-staff-corner]")).toBe(1);

      await updateOpeningHours(env.db().pool, where, week([["00:00", "23:59"]]));
      // 23:59 is the one closed minute of that week: wait it out rather than be flaky at midnight.
      const utc = new Date();
      if (utc.getUTCHours() === 23 && utc.getUTCMinutes() === 59)
        await new Promise((resolve) => setTimeout(resolve, 61_000));
      await syncNow(kiosk());
      await staff().waitForStart();
    });
  });
}

describe("the dashboard's kiosk page (Chromium)", () => {
  it("shows an admin a one-time recovery code for a kiosk", async () => {
    await addKiosk(env.db().pool, { siteId: plainSite.siteId, name: "Skranke 3" });
    await asAdmin(async (dashboard) => {
      await dashboard.open("Opsæt kiosker");
      dashboard.page.once("dialog", (dialog) => void dialog.accept());
      const row = dashboard.page.getByRole("row", { name: /Skranke 3/ });
      await row.getByRole("button", { name: /Gendannelseskode/ }).click();
      const code = await dashboard.page.getByTestId("recovery-code").textContent();
      expect(code).toMatch(/^\d{5}-\d{5}$/);
      expect(await dashboard.axeViolations()).toEqual([]);
    });
  });
});
