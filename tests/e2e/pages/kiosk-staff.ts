import type { Page } from "playwright-core";
import type { KioskPage } from "./kiosk-page.ts";

/** Staff mode, reached the way staff reach it: a long press in the corner, then the PIN. */
export class StaffMode {
  constructor(readonly kiosk: KioskPage) {}

  get page(): Page {
    return this.kiosk.page;
  }

  /** Holds the corner (the tests shorten the 3 s hold with longPressMs). */
  async longPress(holdMs = 600): Promise<void> {
    const corner = this.page.locator("[data-staff-corner]");
    const box = await corner.boundingBox();
    if (!box) throw new Error("no staff corner on screen");
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.waitForTimeout(holdMs);
    await this.page.mouse.up();
  }

  async waitForScreen(screen: string): Promise<void> {
    await this.page.locator(`main section[data-screen="${screen}"]`).waitFor();
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.locator("#staff-pin").fill(pin);
    await this.page.locator('[data-staff="open"]').click();
  }

  /** Enters a wrong PIN and waits until it has been checked (the field is emptied). */
  async enterWrongPin(pin: string): Promise<void> {
    await this.enterPin(pin);
    await this.page.waitForFunction(
      () => document.querySelector<HTMLInputElement>("#staff-pin")?.value === "",
    );
  }

  async enterRecoveryCode(code: string): Promise<void> {
    await this.page.locator('[data-staff="forgot"]').click();
    await this.page.locator("#staff-recovery").fill(code);
    await this.page.locator('[data-staff="open"]').click();
  }

  async alert(): Promise<string> {
    return (await this.page.getByRole("alert").textContent()) ?? "";
  }

  async waitForStatus(): Promise<void> {
    await this.page.locator("[data-staff-status]").waitFor();
  }

  /** The status table as { term: value }. */
  status(): Promise<Record<string, string>> {
    return this.page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll("[data-staff-status] > div")].map((row) => [
          row.querySelector("dt")?.textContent ?? "",
          row.querySelector("dd")?.textContent ?? "",
        ]),
      ),
    );
  }

  async notice(): Promise<string> {
    return (await this.page.locator("main .notice").first().textContent()) ?? "";
  }

  async enrol(token: string): Promise<string> {
    await this.page.locator("#enrol-token").fill(token);
    await this.page.locator('[data-staff="enrol"]').click();
    await this.page.waitForFunction(() => document.querySelector(".notice")?.textContent !== "");
    return this.notice();
  }

  /**
   * Types a new PIN and its confirmation into whichever PIN form is on screen and saves; returns
   * the error shown, or "" when the form went away or reported success.
   */
  async choosePin(pin: string, confirmation = pin): Promise<string> {
    const form = this.page.locator('[data-staff-form="pin"]');
    await form.locator('[data-staff-field="new-pin"]').fill(pin);
    await form.locator('[data-staff-field="confirm-pin"]').fill(confirmation);
    // An earlier error must not be taken for this attempt's answer.
    await this.page.evaluate(() => {
      const old = document.querySelector<HTMLElement>('[data-staff-form="pin"] [role="alert"]');
      if (old) old.dataset.stale = "";
    });
    // The kiosk drops taps in a screen's first moments (useSettle.ts); a person types slower.
    await this.page.locator("main[data-settled]").waitFor();
    await form.locator('[data-staff="pin"]').click();
    await this.page.waitForFunction(
      () =>
        !document.querySelector('[data-staff-form="pin"]') ||
        document.querySelector('[data-staff-form="pin"] [role="alert"]:not([data-stale])') ||
        document.querySelector(".notice")?.textContent?.includes("gemt"),
    );
    const alert = form.locator('[role="alert"]:not([data-stale])');
    return (await alert.count()) > 0 ? ((await alert.textContent()) ?? "") : "";
  }

  async exit(): Promise<void> {
    await this.page.locator('[data-staff="exit"]').click();
  }
}
