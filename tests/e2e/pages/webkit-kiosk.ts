import type { StoredResponse } from "../../../kiosk/store/db.ts";
import { configStorageKey, settledScript, testConfig } from "./kiosk-page.ts";
import type { WebKitSession } from "./webkit-driver.ts";

/** The kiosk page model over WebDriver (WebKit), through the same automation hooks. */
const screenScript = `
  const section = document.querySelector("main section");
  return section?.getAttribute("data-question") ?? section?.getAttribute("data-screen") ?? "none";`;

export class WebKitKiosk {
  constructor(
    readonly session: WebKitSession,
    readonly baseUrl: string,
  ) {}

  /** Opens the kiosk with the tests' timings (stored before the app reads them, then reloaded). */
  async goto(): Promise<void> {
    await this.session.goto(`${this.baseUrl}/kiosk/`);
    await this.waitForStart().catch(async (error: unknown) => {
      // WebKit, unlike Chromium, applies CSP upgrade-insecure-requests to http://127.0.0.1 and
      // LAN addresses: the kiosk's script is then fetched over https and never runs.
      const csp = (await fetch(`${this.baseUrl}/kiosk/`)).headers.get("content-security-policy");
      if (csp?.includes("upgrade-insecure-requests")) {
        throw new Error(
          `The kiosk did not start in WebKit: the server's CSP has upgrade-insecure-requests, which WebKit applies to plain-http addresses (sync-server/http/app.ts: set upgradeInsecureRequests: null). ${error}`,
        );
      }
      throw error;
    });
    await this.session.execute("localStorage.setItem(arguments[0], arguments[1]);", [
      configStorageKey,
      JSON.stringify(testConfig),
    ]);
    await this.reload();
  }

  async reload(): Promise<void> {
    await this.session.execute("location.reload();");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await this.waitForStart();
  }

  waitForStart(): Promise<void> {
    return this.session.waitFor(`return !!document.querySelector('[data-action="start"]');`);
  }

  screen(): Promise<string> {
    return this.session.execute<string>(screenScript);
  }

  heading(): Promise<string> {
    return this.session.execute<string>(`return document.querySelector("h1").textContent;`);
  }

  private async tapAndWait(selector: string): Promise<string> {
    const before = await this.screen();
    await this.session.waitFor(settledScript);
    await this.session.click(selector);
    await this.session.waitFor(
      `const now = (() => {${screenScript}})(); return now !== arguments[0];`,
      [before],
    );
    return this.screen();
  }

  start(): Promise<string> {
    return this.tapAndWait('[data-action="start"]');
  }

  answer(answer: string): Promise<string> {
    return this.tapAndWait(`[data-question] [data-answer="${answer}"]`);
  }

  done(): Promise<string> {
    return this.tapAndWait('[data-action="done"]');
  }

  async answerAll(): Promise<void> {
    await this.start();
    for (const answer of ["yes", "no", "very_good", "yes", "nothing"]) await this.answer(answer);
  }

  waitForServiceWorker(): Promise<void> {
    return this.session.waitFor("return !!navigator.serviceWorker.controller;", [], 30_000);
  }

  responses(): Promise<StoredResponse[]> {
    return this.session.executeAsync<StoredResponse[]>(`
      const done = arguments[arguments.length - 1];
      const request = indexedDB.open("borgerpuls-kiosk");
      request.onerror = () => done([]);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("responses")) { db.close(); done([]); return; }
        const all = db.transaction("responses").objectStore("responses").getAll();
        all.onsuccess = () => { db.close(); done(all.result); };
        all.onerror = () => done([]);
      };`);
  }
}
