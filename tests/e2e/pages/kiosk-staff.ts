import type { KioskDriver } from "./kiosk-driver.ts";
import type { KioskModel } from "./kiosk-model.ts";

/**
 * Staff mode, reached the way staff reach it: a long press in the corner, then the PIN; in
 * either browser, through the kiosk's data-staff hooks. Every tap waits for the screen to take
 * taps (kiosk/app/useSettle.ts drops those in a screen's first moments; a person is slower).
 */
// Generous: PBKDF2 and the recovery codes' HMACs are slow on a loaded machine, WebKit more so.
const staffTimeoutMs = 45_000;

export class StaffMode {
  constructor(readonly kiosk: KioskModel) {}

  get driver(): KioskDriver {
    return this.kiosk.driver;
  }

  /** A tap on a staff control once the screen takes taps. */
  async tap(selector: string): Promise<void> {
    await this.kiosk.waitForSettled();
    await this.driver.click(selector);
  }

  /** Holds the corner (the tests shorten the 3 s hold with longPressMs). */
  async longPress(holdMs = 600): Promise<void> {
    await this.kiosk.waitForSettled();
    await this.driver.hold("[data-staff-corner]", holdMs);
  }

  waitForScreen(screen: string): Promise<void> {
    return this.kiosk.waitFor(`main section[data-screen="${screen}"]`, staffTimeoutMs);
  }

  waitForStart(): Promise<void> {
    return this.kiosk.waitFor('[data-action="start"]', staffTimeoutMs);
  }

  /** Waits for an alert (role="alert") whose text contains `text`. */
  waitForAlert(text: string): Promise<void> {
    return this.driver.waitFor(
      `return [...document.querySelectorAll('[role="alert"]')].some((a) => a.textContent.includes(arguments[0]));`,
      [text],
      staffTimeoutMs,
    );
  }

  async enterPin(pin: string): Promise<void> {
    await this.driver.type("#staff-pin", pin);
    await this.tap('[data-staff="open"]');
  }

  /** Enters a wrong PIN and waits until it has been checked (the field is emptied). */
  async enterWrongPin(pin: string): Promise<void> {
    await this.enterPin(pin);
    await this.driver.waitFor(
      `return document.querySelector("#staff-pin")?.value === "";`,
      [],
      staffTimeoutMs,
    );
  }

  /** From the PIN screen: "Glemt PIN-kode?", then the code. */
  async enterRecoveryCode(code: string): Promise<void> {
    await this.tap('[data-staff="forgot"]');
    await this.waitForScreen("staff-recover");
    await this.submitRecoveryCode(code);
  }

  /** On the recovery screen: types the code and uses it. */
  async submitRecoveryCode(code: string): Promise<void> {
    await this.driver.type("#staff-recovery", code);
    await this.tap('[data-staff="open"]');
  }

  pinFieldDisabled(): Promise<boolean> {
    return this.driver.run<boolean>(
      "return document.querySelector('#staff-pin')?.disabled === true;",
    );
  }

  async alert(): Promise<string> {
    return this.kiosk.text('[role="alert"]');
  }

  waitForStatus(): Promise<void> {
    return this.kiosk.waitFor("[data-staff-status]", staffTimeoutMs);
  }

  /** The status table, term → value (a Map: the terms are the page's, not ours). */
  async status(): Promise<Map<string, string>> {
    const rows = await this.driver.run<[string, string][]>(
      `return [...document.querySelectorAll("[data-staff-status] > div")].map((row) => [
         row.querySelector("dt")?.textContent ?? "",
         row.querySelector("dd")?.textContent ?? "",
       ]);`,
    );
    return new Map(rows);
  }

  notice(): Promise<string> {
    return this.kiosk.text("main .notice");
  }

  /** Enrols in staff mode and returns the notice it answers with (not an earlier one). */
  async enrol(token: string): Promise<string> {
    await this.driver.type("#enrol-token", token);
    // The notice is emptied on submit and then given the result: wait for that new text.
    await this.driver.run(
      `const notice = document.querySelector("main .notice");
       window.__enrolAnswered = false;
       new MutationObserver((_, observer) => {
         if (!notice.textContent) return;
         window.__enrolAnswered = true;
         observer.disconnect();
       }).observe(notice, { subtree: true, childList: true, characterData: true });`,
    );
    await this.tap('[data-staff="enrol"]');
    await this.driver.waitFor("return window.__enrolAnswered === true;", [], staffTimeoutMs);
    return this.notice();
  }

  /**
   * Types a new PIN and its confirmation into whichever PIN form is on screen and saves; returns
   * the error shown, or "" when the form went away or reported success.
   */
  async choosePin(pin: string, confirmation = pin): Promise<string> {
    const form = '[data-staff-form="pin"]';
    await this.driver.type(`${form} [data-staff-field="new-pin"]`, pin);
    await this.driver.type(`${form} [data-staff-field="confirm-pin"]`, confirmation);
    // An earlier error must not be taken for this attempt's answer.
    await this.driver.run(
      `const old = document.querySelector(arguments[0] + ' [role="alert"]');
       if (old) old.dataset.stale = "";`,
      [form],
    );
    await this.tap(`${form} [data-staff="pin"]`);
    await this.driver.waitFor(
      `const form = arguments[0];
       return !document.querySelector(form) ||
         !!document.querySelector(form + ' [role="alert"]:not([data-stale])') ||
         (document.querySelector(".notice")?.textContent ?? "").includes("gemt");`,
      [form],
      staffTimeoutMs,
    );
    return this.kiosk.text(`${form} [role="alert"]:not([data-stale])`);
  }

  /** Leaves staff mode. Its status table loads after the screen and moves the buttons: wait. */
  async exit(): Promise<void> {
    await this.waitForStatus();
    await this.tap('[data-staff="exit"]');
  }
}
