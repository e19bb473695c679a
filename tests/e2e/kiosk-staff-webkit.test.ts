import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueRecoveryCode } from "../../sync-server/admin/pin-recovery.ts";
import { changeSiteSettings } from "../../sync-server/admin/site-settings.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { buildFrontendsIfStale } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { updateOpeningHours } from "../../sync-server/queries/sites.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { type KioskDriver, startDriver } from "./pages/kiosk-driver.ts";
import { KioskModel } from "./pages/kiosk-model.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * Staff mode and central settings in WebKit (the iPad's engine), over WebDriver: the same
 * behaviour kiosk-staff.test.ts and kiosk-settings.test.ts check in Chromium, on one tablet
 * that goes from fresh to enrolled, loses its PIN, and gets new settings.
 */
let db: TestDatabase;
let server: TestServer;
let driver: KioskDriver;
let kiosk: KioskModel;
let site: { siteId: string; municipalityId: string };
let enrolment: { kioskId: string; token: string };

// Generous: PBKDF2 and the recovery codes' HMACs are slow on a loaded machine.
const screenIs = (screen: string) =>
  driver.waitFor(
    `return document.querySelector('main section')?.getAttribute('data-screen') === arguments[0];`,
    [screen],
    45_000,
  );
/** Staff mode's status table loads after the screen; the buttons move when it appears. */
async function leaveStaffMode(): Promise<void> {
  await screenIs("staff");
  await driver.waitFor("return !!document.querySelector('[data-staff-status]');", [], 45_000);
  await tap('[data-staff="exit"]');
  await waitForStart();
}
const waitForStart = () => kiosk.waitFor('[data-action="start"]', 45_000);
/** A staff button, tapped once the screen takes taps (kiosk/app/useSettle.ts). */
async function tap(selector: string): Promise<void> {
  await kiosk.waitForSettled();
  await driver.click(selector);
}
const text = (selector: string) => kiosk.text(selector);
const stored = async () =>
  (await db.pool.query("select 1 from responses where kiosk_id = $1", [enrolment.kioskId]))
    .rowCount ?? 0;
const keptVersion = () =>
  driver.run<number>(`
    return new Promise((done) => {
      const request = indexedDB.open("borgerpuls-kiosk");
      request.onerror = () => done(0);
      request.onsuccess = () => {
        const db = request.result;
        const get = db.transaction("meta").objectStore("meta").get("kioskSettings");
        get.onsuccess = () => { db.close(); done(get.result?.value?.version ?? 0); };
        get.onerror = () => { db.close(); done(0); };
      };
    });`);
const settingsVersion = () =>
  driver.run<string>("return document.documentElement.dataset.settingsVersion;");
const syncNow = () => driver.run(`window.dispatchEvent(new Event("online"));`);

async function choosePin(pin: string, confirmation = pin): Promise<void> {
  await driver.type('[data-staff-field="new-pin"]', pin);
  await driver.type('[data-staff-field="confirm-pin"]', confirmation);
  await tap('[data-staff="pin"]');
}

async function openStaffGate(): Promise<void> {
  await kiosk.waitForSettled();
  await driver.hold("[data-staff-corner]", 600);
  await screenIs("staff-pin");
}

beforeAll(async () => {
  await buildFrontendsIfStale(createLogger("warn"));
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  site = await addSite(db.pool, { name: "Borgerservice WebKit", municipality: "Kommune" });
  enrolment = await addKiosk(db.pool, { siteId: site.siteId, name: "iPad 1" });
  driver = await startDriver("webkit", server.baseUrl);
  kiosk = new KioskModel(driver);
  await driver.open(testConfig);
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
  await db?.drop();
});

describe("staff mode and central settings in WebKit", () => {
  it("a fresh kiosk shows 'Ikke tilmeldt' and keeps its answers", async () => {
    expect(await text("[data-notice]")).toBe("Ikke tilmeldt");
    await kiosk.answerAll();
    expect(await kiosk.done()).toBe("start");
    expect((await kiosk.responses()).map((r) => r.syncState)).toEqual(["pending"]);
  });

  it("enrolment by link asks for the PIN twice before citizens see anything, then sends what waited", async () => {
    await driver.goto(`/kiosk/?enroll=${encodeURIComponent(enrolment.token)}`);
    await screenIs("staff-setup");
    expect(await text("main .notice")).toContain("iPad 1");
    expect(await driver.run<string>("return location.search;")).toBe("");
    await choosePin("2468", "2486");
    await kiosk.waitFor('[data-staff-form="pin"] [role="alert"]');
    expect(await text('[data-staff-form="pin"] [role="alert"]')).toContain("ikke ens");
    await choosePin("2468");
    await waitForStart();
    expect(await kiosk.count("[data-notice]")).toBe(0);
    expect(await text("main")).not.toMatch(/tilmeldt/i);
    await expect.poll(stored, { timeout: 20_000 }).toBe(1);
  });

  it("a forgotten PIN: the dashboard's one-time code, then a new PIN", async () => {
    const { code } = await issueRecoveryCode(db.pool, {
      municipalityId: site.municipalityId,
      kioskId: enrolment.kioskId,
      actor: { kind: "cli" },
    });
    await openStaffGate();
    await tap('[data-staff="forgot"]');
    await screenIs("staff-recover");
    await driver.type("#staff-recovery", code);
    await tap('[data-staff="open"]');
    await screenIs("staff-setup");
    await choosePin("8642");
    await leaveStaffMode();
    await openStaffGate();
    await driver.type("#staff-pin", "8642");
    await tap('[data-staff="open"]');
    await leaveStaffMode();
  });

  it("new settings wait for the start screen; the sleep screen closes the kiosk outside hours", async () => {
    const before = await settingsVersion();
    await changeSiteSettings(db.pool, {
      siteId: site.siteId,
      change: { languages: ["da", "en", "ar"] },
      actor: { kind: "cli" },
    });
    expect(await kiosk.start()).toBe("got_help");
    await syncNow();
    // The new settings are on the tablet, yet the interview runs on with the old ones.
    await expect.poll(keptVersion, { timeout: 15_000 }).toBeGreaterThan(Number(before));
    expect(await settingsVersion()).toBe(before);
    for (const answer of ["yes", "no", "very_good", "yes", "nothing"]) await kiosk.answer(answer);
    expect(await kiosk.done()).toBe("start");
    await driver.waitFor(
      `return [...document.querySelectorAll('[data-locale]')].map((b) => b.dataset.locale).join() === "da,en,ar";`,
    );

    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await updateOpeningHours(
      db.pool,
      { municipalityId: site.municipalityId, id: site.siteId },
      closed,
    );
    await changeSiteSettings(db.pool, {
      siteId: site.siteId,
      change: { sleepOutsideHours: true },
      actor: { kind: "cli" },
    });
    await syncNow();
    await screenIs("sleep");
    expect(await kiosk.heading()).toBe("Borgerservice er lukket");
    expect(await kiosk.count('[data-action="start"]')).toBe(0);
  });

  it("five wrong PINs lock entry", async () => {
    await openStaffGate();
    for (let i = 0; i < 5; i += 1) {
      await driver.type("#staff-pin", "0000");
      await tap('[data-staff="open"]');
      // A wrong PIN empties the field once it has been checked.
      await driver.waitFor(`return document.querySelector("#staff-pin").value === "";`);
    }
    await driver.waitFor(
      `return document.querySelector('[role="alert"]')?.textContent.includes("Prøv igen om");`,
    );
    expect(await driver.run<boolean>("return document.querySelector('#staff-pin').disabled;")).toBe(
      true,
    );
  });
});
