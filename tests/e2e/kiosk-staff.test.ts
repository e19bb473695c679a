import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import type { TestDatabase } from "../helpers/database.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { applyKioskConfig, KioskPage, StaffMode, testConfig } from "./pages/kiosk-page.ts";

let db: TestDatabase;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let siteId: string;

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
  ({ siteId } = await addSite(db.pool, {
    name: "Borgerservice Test",
    municipality: "Testkommune",
  }));
});
afterEach(async () => {
  await context?.close();
});

async function open(query = ""): Promise<{ kiosk: KioskPage; staff: StaffMode }> {
  context = await browser.newContext();
  await applyKioskConfig(context, testConfig);
  const kiosk = new KioskPage(await context.newPage(), server.baseUrl);
  await kiosk.goto(query);
  return { kiosk, staff: new StaffMode(kiosk) };
}

async function axe(kiosk: KioskPage): Promise<string[]> {
  const result = await new AxeBuilder({ page: kiosk.page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

describe("staff mode (Chromium)", () => {
  it("enrols by link in one step and removes the token from the address bar at once", async () => {
    const { token, kioskId } = await addKiosk(db.pool, { siteId, name: "Skranke 1" });
    const { kiosk } = await open(`?enroll=${encodeURIComponent(token)}`);
    expect(kiosk.page.url()).toBe(`${server.baseUrl}/kiosk/`);
    await kiosk.page.locator(".notice").filter({ hasText: "tilmeldt" }).waitFor();
    expect(await kiosk.page.locator(".notice").textContent()).toContain("Skranke 1");
    const enrolment = (await kiosk.meta("enrolment")) as Record<string, string>;
    expect(enrolment).toMatchObject({
      kioskId,
      siteId,
      name: "Skranke 1",
      token,
      serverUrl: server.baseUrl,
    });
    // A history entry with the token would let anyone with the tablet read it back.
    expect(await kiosk.page.evaluate(() => window.location.search)).toBe("");
  });

  it("a bad link token is reported, nothing is stored", async () => {
    const { kiosk } = await open("?enroll=bpk_nonsense");
    await kiosk.page.locator(".notice").filter({ hasText: "mislykkedes" }).waitFor();
    expect(await kiosk.meta("enrolment")).toBeUndefined();
    expect(kiosk.page.url()).toBe(`${server.baseUrl}/kiosk/`);
  });

  it("long press → status, enrol by form, set a PIN; next time the PIN is asked for", async () => {
    const { token } = await addKiosk(db.pool, { siteId, name: "Skranke 2" });
    const { kiosk, staff } = await open();
    await kiosk.answerAll();
    await kiosk.done();

    // A short tap does nothing.
    await staff.longPress(50);
    expect(await kiosk.screen()).toBe("start");
    await staff.longPress();
    await staff.waitForStatus();
    expect(await axe(kiosk)).toEqual([]);
    await expect.poll(async () => (await staff.status()).Tilmeldt).toBe("nej");
    const status = await staff.status();
    expect(status["Spørgeskema-version"]).toBe("1");
    expect(status["Staff-PIN"]).toBe("ikke sat");
    expect(status["Varig lagring"]).toMatch(/ja|nej/);

    expect(await staff.enrol("bpk_wrong")).not.toContain("tilmeldt som");
    expect(await staff.enrol(token)).toContain("Skranke 2");
    expect(await staff.setPin("12")).toContain("4 til 8");
    expect(await staff.setPin("2468")).toBe("PIN-koden er gemt.");
    await expect.poll(async () => (await staff.status())["Staff-PIN"]).toBe("sat");
    expect(await kiosk.meta("staffPinHash")).toMatch(/^pbkdf2\$/);
    await kiosk.page.locator('[data-staff="sync"]').click();
    await staff.exit();

    await staff.longPress();
    await kiosk.page.locator("#staff-pin").waitFor();
    expect(await axe(kiosk)).toEqual([]);
    await staff.enterPin("0000");
    await kiosk.page.getByRole("alert").waitFor();
    await staff.enterPin("2468");
    await staff.waitForStatus();
    await expect
      .poll(async () => (await staff.status()).Tilmeldt)
      .toBe(`Skranke 2 (${server.baseUrl})`);
    await staff.exit();
    expect(await kiosk.page.getAttribute("html", "lang")).toBe("da");
  });
});
