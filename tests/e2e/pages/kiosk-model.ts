import type { StoredResponse } from "../../../kiosk/store/db.ts";
import type { KioskDriver } from "./kiosk-driver.ts";
import { settledScript } from "./kiosk-page.ts";

/**
 * The kiosk as a citizen and a test see it, in either browser, through the stable automation
 * hooks only: data-question, data-screen, data-answer, data-action, data-locale. A person looks
 * before tapping, so every tap waits for the screen's data-settled first; `tapNow` does not, and
 * is how the tests play a double tap or an impatient finger.
 */
const screenBody = `
  const section = document.querySelector("main section");
  return section?.getAttribute("data-question") ?? section?.getAttribute("data-screen") ?? "none";`;

export class KioskModel {
  constructor(readonly driver: KioskDriver) {}

  screen(): Promise<string> {
    return this.driver.run<string>(screenBody);
  }

  text(selector: string): Promise<string> {
    return this.driver.run<string>(
      "return document.querySelector(arguments[0])?.textContent ?? '';",
      [selector],
    );
  }

  attribute(selector: string, name: string): Promise<string | null> {
    return this.driver.run<string | null>(
      "return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null;",
      [selector, name],
    );
  }

  count(selector: string): Promise<number> {
    return this.driver.run<number>("return document.querySelectorAll(arguments[0]).length;", [
      selector,
    ]);
  }

  heading(): Promise<string> {
    return this.text("h1");
  }

  progress(): Promise<string> {
    return this.text(".progress p");
  }

  lang(): Promise<string> {
    return this.driver.run<string>("return document.documentElement.lang;");
  }

  waitForSettled(): Promise<void> {
    return this.driver.waitFor(settledScript);
  }

  waitFor(selector: string, timeoutMs?: number): Promise<void> {
    return this.driver.waitFor(
      "return !!document.querySelector(arguments[0]);",
      [selector],
      timeoutMs,
    );
  }

  /** Waits until the screen is no longer `before`, and returns the new one. */
  async waitForScreenChange(before: string, timeoutMs?: number): Promise<string> {
    await this.driver.waitFor(
      `const now = (() => {${screenBody}})(); return now !== arguments[0];`,
      [before],
      timeoutMs,
    );
    return this.screen();
  }

  /** A tap without waiting for the screen to settle. */
  tapNow(selector: string): Promise<void> {
    return this.driver.click(selector);
  }

  /**
   * Taps once the screen has settled, and waits for the next screen to take taps: the kiosk
   * shows it while the tap's answer commits to IndexedDB, and settles it only after the commit,
   * so what a test reads or does next (a reload, going offline) finds the answer stored.
   */
  async tapAndWait(selector: string): Promise<string> {
    const before = await this.screen();
    await this.waitForSettled();
    await this.driver.click(selector);
    const after = await this.waitForScreenChange(before);
    await this.waitForSettled();
    return after;
  }

  start(): Promise<string> {
    return this.tapAndWait('[data-action="start"]');
  }

  answer(answer: string): Promise<string> {
    return this.tapAndWait(`[data-question] [data-answer="${answer}"]`);
  }

  skip(): Promise<string> {
    return this.tapAndWait('[data-action="skip"]');
  }

  back(): Promise<string> {
    return this.tapAndWait('[data-action="back"]');
  }

  next(): Promise<string> {
    return this.tapAndWait('[data-action="next"]');
  }

  done(): Promise<string> {
    return this.tapAndWait('[data-action="done"]');
  }

  /** Multi choice: toggles an answer without leaving the screen. */
  async toggle(answer: string): Promise<void> {
    const selector = `[data-question] [data-answer="${answer}"]`;
    const was = await this.attribute(selector, "aria-checked");
    await this.waitForSettled();
    await this.driver.click(selector);
    await this.driver.waitFor(
      "return document.querySelector(arguments[0])?.getAttribute('aria-checked') !== arguments[1];",
      [selector, was],
    );
  }

  async type(text: string): Promise<void> {
    await this.driver.type('[data-question="improve_text"] textarea', text);
  }

  async chooseLanguage(locale: string): Promise<void> {
    await this.waitForSettled();
    await this.driver.click(`[data-locale="${locale}"]`);
    await this.driver.waitFor("return document.documentElement.lang === arguments[0];", [locale]);
  }

  /** The quickest complete path: yes, no, very good, yes, nothing. */
  async answerAll(): Promise<void> {
    await this.start();
    for (const answer of ["yes", "no", "very_good", "yes", "nothing"]) await this.answer(answer);
  }

  /** Resolves once the service worker controls the page, i.e. the kiosk would start offline. */
  waitForServiceWorker(): Promise<void> {
    return this.driver.waitFor("return !!navigator.serviceWorker?.controller;", [], 30_000);
  }

  /** Every stored response, read straight from IndexedDB (not through the app), by seq. */
  async responses(): Promise<StoredResponse[]> {
    const rows = await this.readStore<StoredResponse>("responses");
    return rows.sort((a, b) => a.seq - b.seq);
  }

  /** One value of the kiosk's meta store (enrolment, staffPinHash, kioskSettings …). */
  async meta(key: string): Promise<unknown> {
    const rows = await this.readStore<{ key: string; value: unknown }>("meta");
    return rows.find((row) => row.key === key)?.value;
  }

  /** The address in the browser's bar (the kiosk rewrites it after reading an enrolment link). */
  url(): Promise<string> {
    return this.driver.run<string>("return location.href;");
  }

  private readStore<T>(store: string): Promise<T[]> {
    return this.driver.run<T[]>(
      `const name = arguments[0];
      return new Promise((resolve, reject) => {
        const request = indexedDB.open("borgerpuls-kiosk");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(name)) { db.close(); resolve([]); return; }
          const all = db.transaction(name).objectStore(name).getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => { db.close(); resolve(all.result); };
        };
      });`,
      [store],
    );
  }
}
