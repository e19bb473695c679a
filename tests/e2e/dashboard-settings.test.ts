import type { Browser } from "playwright-core";
import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { openEpisodes } from "../../sync-server/queries/alert-episodes.ts";
import { listAlertRules } from "../../sync-server/queries/alert-rules.ts";
import { listSubscriptions } from "../../sync-server/queries/digest-subscriptions.ts";
import type { TestDatabase } from "../helpers/database.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

let server: TestServer;
let browser: Browser;
let db: TestDatabase;
let municipalityId = "";
const admin = { email: "admin@indstil.dk", password: "admin-password-long" };
const chief = { email: "chef@indstil.dk", password: "chief-password-long" };

setUpBrowserEnv(async (env) => {
  ({ server, browser, db } = env);
  const site = await addSite(env.db.pool, {
    name: "Borgerservice",
    municipality: "Indstilkommune",
  });
  municipalityId = site.municipalityId;
  await addKiosk(env.db.pool, { siteId: site.siteId, name: "Indgangen" });
  await addUser(env.db.pool, {
    ...admin,
    role: "admin",
    siteIds: [],
    municipality: "Indstilkommune",
  });
  await addUser(env.db.pool, {
    ...chief,
    role: "chief",
    siteIds: [site.siteId],
    municipality: "Indstilkommune",
  });
});

async function open(login: { email: string; password: string }) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "da-DK",
  });
  const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
  await dashboard.logIn(login.email, login.password);
  return { dashboard, close: () => context.close() };
}

describe("the settings page in Chromium", () => {
  it("lets a chief subscribe and set an alert; the admin sees the subscriber; axe finds nothing", async () => {
    const { dashboard, close } = await open(chief);
    const page = dashboard.page;
    await dashboard.open("Indstillinger");
    expect(await dashboard.axeViolations(), "Indstillinger (chef)").toEqual([]);
    await page.getByLabel("Hvor ofte").selectOption("weekly");
    await page.getByLabel("Sprog i mailen").selectOption("en");
    await page
      .getByRole("region", { name: "Overblik på mail" })
      .getByRole("button", { name: "Gem" })
      .click();
    await page.getByText("Dit abonnement er gemt.").waitFor();
    await page.getByLabel("Slags").selectOption("kiosk_silent");
    await page.getByLabel("Antal timer").fill("3");
    await page.getByLabel("Modtagere (e-mails, adskilt af komma)").fill("vagt@indstil.dk");
    await page
      .getByRole("region", { name: "Opsætning af advarsler" })
      .getByRole("button", { name: "Gem" })
      .click();
    await page.getByText("Advarslen er gemt.").waitFor();
    await page.getByRole("cell", { name: "Kiosk tavs i åbningstiden (3)" }).waitFor();
    // Another kind shows its defaults; back again, the saved rule fills the form.
    await page.getByLabel("Slags").selectOption("outbox_stale");
    await expect.poll(() => page.getByLabel("Antal timer").inputValue()).toBe("4");
    await page.getByLabel("Slags").selectOption("kiosk_silent");
    await expect.poll(() => page.getByLabel("Antal timer").inputValue()).toBe("3");
    await expect
      .poll(() => page.getByLabel("Modtagere (e-mails, adskilt af komma)").inputValue())
      .toBe("vagt@indstil.dk");
    expect(await dashboard.axeViolations(), "Indstillinger after saving").toEqual([]);
    await close();

    const subs = await listSubscriptions(db.pool, municipalityId);
    expect(subs.map(({ email, frequency, language }) => ({ email, frequency, language }))).toEqual([
      { email: chief.email, frequency: "weekly", language: "en" },
    ]);
    const [rule] = await listAlertRules(db.pool, municipalityId);
    expect(rule).toMatchObject({
      kind: "kiosk_silent",
      params: { hours: 3 },
      emails: ["vagt@indstil.dk"],
    });

    // An open alert shows on I dag and on the settings page.
    await openEpisodes(
      db.pool,
      [
        {
          municipalityId,
          id: uuidv7(),
          ruleId: rule?.id ?? "",
          subject: "x",
          details: { kiosk: "Indgangen" },
        },
      ],
      new Date(),
    );
    const second = await open(admin);
    const adminPage = second.dashboard.page;
    await adminPage
      .getByRole("region", { name: "Advarsler" })
      .getByText("Kiosk tavs i åbningstiden – Borgerservice · Indgangen")
      .waitFor();
    expect(await second.dashboard.axeViolations(), "I dag with an alert").toEqual([]);
    await second.dashboard.open("Indstillinger");
    await adminPage
      .getByRole("region", { name: "Abonnenter" })
      .getByRole("cell", { name: chief.email })
      .waitFor();
    expect(await second.dashboard.axeViolations(), "Indstillinger (admin)").toEqual([]);
    await second.dashboard.screenshot("settings-da");
    await second.close();
  });
});
