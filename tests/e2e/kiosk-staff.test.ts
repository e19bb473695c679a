import { beforeAll, describe, expect, it } from "vitest";
import { issueRecoveryCode } from "../../sync-server/admin/pin-recovery.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { axeViolations } from "./pages/kiosk-axe.ts";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import { testConfig } from "./pages/kiosk-page.ts";
import { StaffMode } from "./pages/kiosk-staff.ts";

/**
 * Staff mode in Chromium and in WebKit (the iPad's engine), one scenario body for both: enrolment
 * by link and in the corner, the PIN and its lockout, recovery with the dashboard's one-time
 * code (offline: the kiosk's network is cut, kiosk-network.ts), and the unenrolled kiosk.
 */
const env = setUpKioskEnv();
let site: { siteId: string; municipalityId: string };

beforeAll(async () => {
  site = await addSite(env.db().pool, { name: "Borgerservice Test", municipality: "Testkommune" });
});

const storedIds = async (kioskId: string) =>
  (await env.db().pool.query("select id from responses where kiosk_id = $1", [kioskId])).rows
    .length;

for (const name of browserNames) {
  describe(`staff mode (${name})`, () => {
    const kiosk = env.useBrowser(name);
    const staff = () => new StaffMode(kiosk());
    /** A kiosk row of this browser's own (kiosk names are per site). */
    const newKiosk = (label: string) =>
      addKiosk(env.db().pool, { siteId: site.siteId, name: `${label} (${name})` });
    const openWithLink = (token: string) =>
      kiosk().driver.open(testConfig, `?enroll=${encodeURIComponent(token)}`);
    const axe = () => axeViolations(kiosk().driver);

    /** Enrols by link and chooses the PIN, as staff setting a tablet up do. */
    async function enrolled(label: string, pin = "2468") {
      const row = await newKiosk(label);
      await openWithLink(row.token);
      await staff().waitForScreen("staff-setup");
      expect(await staff().choosePin(pin)).toBe("");
      await staff().waitForStart();
      return row;
    }

    it("enrolment by link asks for a PIN (typed twice) before citizens see anything; the confirmation stays with staff", async () => {
      const { token, kioskId } = await newKiosk("Skranke 1");
      await openWithLink(token);
      // A history entry with the token would let anyone with the tablet read it back.
      expect(await kiosk().url()).toBe(`${env.baseUrl()}/kiosk/`);
      await staff().waitForScreen("staff-setup");
      expect(await staff().notice()).toContain(`Kiosken er tilmeldt som »Skranke 1 (${name})«`);
      expect(await kiosk().count('[data-action="start"]')).toBe(0);
      expect(await kiosk().count("[data-staff-corner]")).toBe(0);
      expect(await axe()).toEqual([]);
      expect(await kiosk().meta("enrolment")).toMatchObject({
        kioskId,
        name: `Skranke 1 (${name})`,
        token,
      });

      expect(await staff().choosePin("2468", "2486")).toContain("ikke ens");
      expect(await staff().choosePin("12")).toContain("4 til 8");
      expect(await kiosk().meta("staffPinHash")).toBeUndefined();
      expect(await staff().choosePin("2468")).toBe("");
      await staff().waitForStart();
      expect(await kiosk().meta("staffPinHash")).toMatch(/^pbkdf2\$/);
      // The citizens' screen carries no trace of the enrolment message.
      expect(await kiosk().text("main")).not.toMatch(/tilmeldt/i);

      await kiosk().driver.reload();
      await staff().longPress();
      await staff().waitForScreen("staff-pin");
      expect(await axe()).toEqual([]);
      await staff().enterPin("2468");
      await staff().waitForStatus();
      expect((await staff().status()).get("Tilmeldt")).toBe(
        `Skranke 1 (${name}) (${env.baseUrl()})`,
      );
      await staff().exit();
      await staff().waitForStart();
      expect(await kiosk().lang()).toBe("da");
    });

    it("a fresh kiosk's corner no longer lets a citizen set a PIN; enrolling there forces the PIN choice", async () => {
      const { token } = await newKiosk("Skranke 2");
      await kiosk().driver.open(testConfig);
      await staff().longPress(50);
      expect(await kiosk().screen()).toBe("start");
      await staff().longPress();
      await staff().waitForStatus();
      expect((await staff().status()).get("Staff-PIN")).toBe("ikke sat");
      expect(await kiosk().count('[data-staff-form="pin"]')).toBe(0);
      expect(await kiosk().text("main")).toContain("PIN-koden vælges, når kiosken er tilmeldt");
      expect(await staff().enrol("bpk_wrong")).not.toContain("tilmeldt som");
      expect(await staff().enrol(token)).toContain("Skranke 2");
      // Leaving staff mode now would hand the kiosk to the next citizen without a PIN.
      await staff().exit();
      await staff().waitForScreen("staff-setup");
      expect(await staff().choosePin("1357")).toBe("");
      await staff().waitForStart();
    });

    it("a bad link token is reported to staff, nothing is stored", async () => {
      await openWithLink("bpk_nonsense");
      await staff().waitForScreen("staff");
      await kiosk().driver.waitFor(
        `return (document.querySelector("main .notice")?.textContent ?? "").includes("mislykkedes");`,
      );
      expect(await kiosk().meta("enrolment")).toBeUndefined();
      expect(await kiosk().url()).toBe(`${env.baseUrl()}/kiosk/`);
    });

    it("a link on a kiosk that has a PIN asks for the PIN first", async () => {
      await enrolled("Skranke 3");
      const moved = await newKiosk("Skranke 3b");
      await kiosk().driver.goto(`/kiosk/?enroll=${encodeURIComponent(moved.token)}`);
      await staff().waitForScreen("staff-pin");
      expect(await kiosk().meta("enrolment")).toMatchObject({ name: `Skranke 3 (${name})` });
      await staff().enterPin("2468");
      await staff().waitForStatus();
      expect(await staff().notice()).toContain("Skranke 3b");
    });

    it("after five wrong PINs entry locks, also across a reload", async () => {
      await enrolled("Skranke 4");
      await staff().longPress();
      await staff().waitForScreen("staff-pin");
      for (let i = 0; i < 4; i += 1) await staff().enterWrongPin("0000");
      await staff().enterPin("0000");
      await staff().waitForAlert("Prøv igen om");
      expect(await staff().alert()).toMatch(/Prøv igen om (29|30) sekunder/);
      expect(await staff().pinFieldDisabled()).toBe(true);
      await kiosk().driver.reload();
      await staff().longPress();
      await staff().waitForScreen("staff-pin");
      await staff().waitForAlert("Prøv igen om");
      expect(await staff().pinFieldDisabled()).toBe(true);
    });

    it("a forgotten PIN is replaced with the dashboard's one-time code, offline, keeping unsent answers", async () => {
      const { kioskId } = await enrolled("Skranke 5");
      env.setOnline(false);
      for (let i = 0; i < 2; i += 1) {
        await kiosk().answerAll();
        await kiosk().done();
      }
      const { code } = await issueRecoveryCode(env.db().pool, {
        municipalityId: site.municipalityId,
        kioskId,
        actor: { kind: "cli" },
      });
      await staff().longPress();
      await staff().waitForScreen("staff-pin");
      await staff().enterRecoveryCode("12345-67890");
      await staff().waitForAlert("passer ikke");
      expect(await axe()).toEqual([]);
      await staff().submitRecoveryCode(code);
      await staff().waitForScreen("staff-setup");
      expect(await staff().choosePin("8642")).toBe("");
      await staff().waitForStatus();
      expect((await staff().status()).get("Svar der venter på at blive sendt")).toBe("2");
      await staff().exit();
      await staff().waitForStart();

      // The old PIN is gone, the new one works, and the code cannot be used again.
      await staff().longPress();
      await staff().waitForScreen("staff-pin");
      await staff().enterPin("2468");
      await staff().waitForAlert("Forkert");
      await staff().enterRecoveryCode(code);
      await staff().waitForAlert("passer ikke");
      await staff().tap('[data-staff="cancel"]');
      await staff().waitForScreen("staff-pin");
      await staff().enterPin("8642");
      await staff().waitForStatus();

      env.setOnline(true);
      await staff().tap('[data-staff="sync"]');
      await expect.poll(() => storedIds(kioskId), { timeout: 20_000 }).toBe(2);
    });

    it("an unenrolled kiosk tells staff 'Ikke tilmeldt', keeps its answers and sends them once enrolled", async () => {
      const { token, kioskId } = await newKiosk("Skranke 6");
      await kiosk().driver.open(testConfig);
      const notice = () => kiosk().text("[data-notice]");
      expect(await notice()).toBe("Ikke tilmeldt");
      expect(await axe()).toEqual([]);
      await kiosk().answerAll();
      await kiosk().done();
      expect(await notice()).toBe("Ikke tilmeldt");
      expect((await kiosk().responses()).map((r) => r.syncState)).toEqual(["pending"]);

      await staff().longPress();
      await staff().waitForStatus();
      await staff().enrol(token);
      await staff().exit();
      await staff().waitForScreen("staff-setup");
      expect(await staff().choosePin("2468")).toBe("");
      await staff().waitForStart();
      expect(await kiosk().count("[data-notice]")).toBe(0);
      expect(await kiosk().text("main")).not.toMatch(/tilmeldt/i);
      await expect.poll(() => storedIds(kioskId), { timeout: 20_000 }).toBe(1);
    });
  });
}
