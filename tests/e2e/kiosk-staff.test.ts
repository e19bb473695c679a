import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { issueRecoveryCode } from "../../sync-server/admin/pin-recovery.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import type { TestDatabase } from "../helpers/database.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { applyKioskConfig, KioskPage, testConfig } from "./pages/kiosk-page.ts";
import { StaffMode } from "./pages/kiosk-staff.ts";

let db: TestDatabase;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let site: { siteId: string; municipalityId: string };

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
  site = await addSite(db.pool, { name: "Borgerservice Test", municipality: "Testkommune" });
});
afterEach(async () => {
  await context?.close();
});

/** Opens the kiosk without waiting for the start screen (enrolment may come first). */
async function open(query = ""): Promise<{ kiosk: KioskPage; staff: StaffMode }> {
  context = await browser.newContext();
  await applyKioskConfig(context, testConfig);
  const kiosk = new KioskPage(await context.newPage(), server.baseUrl);
  await kiosk.page.goto(`${server.baseUrl}/kiosk/${query}`);
  return { kiosk, staff: new StaffMode(kiosk) };
}

async function axe(kiosk: KioskPage): Promise<string[]> {
  const result = await new AxeBuilder({ page: kiosk.page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

const storedIds = async (kioskId: string) =>
  (await db.pool.query("select id from responses where kiosk_id = $1", [kioskId])).rows.length;

/** Enrols by link and chooses the PIN, as staff setting a tablet up do. */
async function enrolled(name: string, pin = "2468") {
  const kioskRow = await addKiosk(db.pool, { siteId: site.siteId, name });
  const opened = await open(`?enroll=${encodeURIComponent(kioskRow.token)}`);
  await opened.staff.waitForScreen("staff-setup");
  expect(await opened.staff.choosePin(pin)).toBe("");
  await opened.kiosk.waitForStart();
  return { ...opened, ...kioskRow };
}

describe("staff mode (Chromium)", () => {
  it("enrolment by link asks for a PIN (typed twice) before citizens see anything; the confirmation stays with staff", async () => {
    const { token, kioskId } = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 1" });
    const { kiosk, staff } = await open(`?enroll=${encodeURIComponent(token)}`);
    // A history entry with the token would let anyone with the tablet read it back.
    expect(kiosk.page.url()).toBe(`${server.baseUrl}/kiosk/`);
    await staff.waitForScreen("staff-setup");
    expect(await staff.notice()).toContain("Kiosken er tilmeldt som »Skranke 1«");
    expect(await kiosk.page.locator('[data-action="start"]').count()).toBe(0);
    expect(await kiosk.page.locator("[data-staff-corner]").count()).toBe(0);
    expect(await axe(kiosk)).toEqual([]);
    expect(await kiosk.meta("enrolment")).toMatchObject({ kioskId, name: "Skranke 1", token });

    expect(await staff.choosePin("2468", "2486")).toContain("ikke ens");
    expect(await staff.choosePin("12")).toContain("4 til 8");
    expect(await kiosk.meta("staffPinHash")).toBeUndefined();
    expect(await staff.choosePin("2468")).toBe("");
    await kiosk.waitForStart();
    expect(await kiosk.meta("staffPinHash")).toMatch(/^pbkdf2\$/);
    // The citizens' screen carries no trace of the enrolment message.
    expect(await kiosk.page.locator("main").textContent()).not.toMatch(/tilmeldt/i);

    await kiosk.page.reload();
    await kiosk.waitForStart();
    await staff.longPress();
    await staff.waitForScreen("staff-pin");
    expect(await axe(kiosk)).toEqual([]);
    await staff.enterPin("2468");
    await staff.waitForStatus();
    expect((await staff.status()).Tilmeldt).toBe(`Skranke 1 (${server.baseUrl})`);
    await staff.exit();
    await kiosk.waitForStart();
    expect(await kiosk.page.getAttribute("html", "lang")).toBe("da");
  });

  it("a fresh kiosk's corner no longer lets a citizen set a PIN; enrolling there forces the PIN choice", async () => {
    const { token } = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 2" });
    const { kiosk, staff } = await open();
    await kiosk.waitForStart();
    await staff.longPress(50);
    expect(await kiosk.screen()).toBe("start");
    await staff.longPress();
    await staff.waitForStatus();
    expect((await staff.status())["Staff-PIN"]).toBe("ikke sat");
    expect(await kiosk.page.locator('[data-staff-form="pin"]').count()).toBe(0);
    expect(await kiosk.page.locator("main").textContent()).toContain(
      "PIN-koden vælges, når kiosken er tilmeldt",
    );
    expect(await staff.enrol("bpk_wrong")).not.toContain("tilmeldt som");
    expect(await staff.enrol(token)).toContain("Skranke 2");
    // Leaving staff mode now would hand the kiosk to the next citizen without a PIN.
    await staff.exit();
    await staff.waitForScreen("staff-setup");
    expect(await staff.choosePin("1357")).toBe("");
    await kiosk.waitForStart();
  });

  it("a bad link token is reported to staff, nothing is stored", async () => {
    const { kiosk, staff } = await open("?enroll=bpk_nonsense");
    await staff.waitForScreen("staff");
    expect(await staff.notice()).toContain("mislykkedes");
    expect(await kiosk.meta("enrolment")).toBeUndefined();
    expect(kiosk.page.url()).toBe(`${server.baseUrl}/kiosk/`);
  });

  it("a link on a kiosk that has a PIN asks for the PIN first", async () => {
    const { kiosk, staff } = await enrolled("Skranke 3");
    const moved = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 3b" });
    await kiosk.page.goto(`${server.baseUrl}/kiosk/?enroll=${encodeURIComponent(moved.token)}`);
    await staff.waitForScreen("staff-pin");
    expect((await kiosk.meta("enrolment")) as { name: string }).toMatchObject({
      name: "Skranke 3",
    });
    await staff.enterPin("2468");
    await staff.waitForStatus();
    expect(await staff.notice()).toContain("Skranke 3b");
  });

  it("after five wrong PINs entry locks, also across a reload", async () => {
    const { kiosk, staff } = await enrolled("Skranke 4");
    await staff.longPress();
    await staff.waitForScreen("staff-pin");
    for (let i = 0; i < 4; i += 1) await staff.enterWrongPin("0000");
    await staff.enterPin("0000");
    await kiosk.page.getByRole("alert").filter({ hasText: "Prøv igen om" }).waitFor();
    expect(await staff.alert()).toMatch(/Prøv igen om (29|30) sekunder/);
    expect(await kiosk.page.locator("#staff-pin").isDisabled()).toBe(true);
    await kiosk.page.reload();
    await kiosk.waitForStart();
    await staff.longPress();
    await staff.waitForScreen("staff-pin");
    await kiosk.page.getByRole("alert").filter({ hasText: "Prøv igen om" }).waitFor();
    expect(await kiosk.page.locator("#staff-pin").isDisabled()).toBe(true);
  });

  it("a forgotten PIN is replaced with the dashboard's one-time code, offline, keeping unsent answers", async () => {
    const { kiosk, staff, kioskId } = await enrolled("Skranke 5");
    await context.setOffline(true);
    for (let i = 0; i < 2; i += 1) {
      await kiosk.answerAll();
      await kiosk.done();
    }
    const { code } = await issueRecoveryCode(db.pool, {
      municipalityId: site.municipalityId,
      kioskId,
      actor: { kind: "cli" },
    });
    await staff.longPress();
    await staff.waitForScreen("staff-pin");
    await staff.enterRecoveryCode("12345-67890");
    await kiosk.page.getByRole("alert").filter({ hasText: "passer ikke" }).waitFor();
    expect(await axe(kiosk)).toEqual([]);
    await kiosk.page.locator("#staff-recovery").fill(code);
    await kiosk.page.locator('[data-staff="open"]').click();
    await staff.waitForScreen("staff-setup");
    expect(await staff.choosePin("8642")).toBe("");
    await staff.waitForStatus();
    expect((await staff.status())["Svar der venter på at blive sendt"]).toBe("2");
    await staff.exit();
    await kiosk.waitForStart();

    // The old PIN is gone, the new one works, and the code cannot be used again.
    await staff.longPress();
    await staff.enterPin("2468");
    await kiosk.page.getByRole("alert").filter({ hasText: "Forkert" }).waitFor();
    await staff.enterRecoveryCode(code);
    await kiosk.page.getByRole("alert").filter({ hasText: "passer ikke" }).waitFor();
    await kiosk.page.locator("[data-staff-form], form button.secondary").first().waitFor();
    await kiosk.page.getByRole("button", { name: "Annuller" }).click();
    await staff.enterPin("8642");
    await staff.waitForStatus();

    await context.setOffline(false);
    await kiosk.page.locator('[data-staff="sync"]').click();
    await expect.poll(() => storedIds(kioskId), { timeout: 20_000 }).toBe(2);
  });

  it("an unenrolled kiosk tells staff 'Ikke tilmeldt', keeps its answers and sends them once enrolled", async () => {
    const { token, kioskId } = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 6" });
    const { kiosk, staff } = await open();
    await kiosk.waitForStart();
    const notice = kiosk.page.locator("[data-notice]");
    expect(await notice.textContent()).toBe("Ikke tilmeldt");
    expect(await axe(kiosk)).toEqual([]);
    await kiosk.answerAll();
    await kiosk.done();
    expect(await notice.textContent()).toBe("Ikke tilmeldt");
    expect((await kiosk.responses()).map((r) => r.syncState)).toEqual(["pending"]);

    await staff.longPress();
    await staff.waitForStatus();
    await staff.enrol(token);
    await staff.exit();
    await staff.waitForScreen("staff-setup");
    await staff.choosePin("2468");
    await kiosk.waitForStart();
    expect(await notice.count()).toBe(0);
    await expect.poll(() => storedIds(kioskId), { timeout: 20_000 }).toBe(1);
  });
});
