import type { BrowserContext, Page } from "playwright-core";
import type { KioskConfig } from "../../../kiosk/app/config.ts";
import type { StoredResponse } from "../../../kiosk/store/db.ts";

/**
 * The kiosk as a citizen and a test see it, driven only through the stable automation hooks:
 * data-question, data-answer and data-action. Every step waits for the next screen, because the
 * kiosk shows it only after the answer is in IndexedDB.
 */
export const configStorageKey = "borgerpuls.kiosk.config";

/**
 * Timings short enough for tests; misuse rules off unless a test turns them on. The settle time
 * stays on (shorter): the page models wait for each screen's data-settled before they tap, as a
 * person waits to see the screen; the double-tap tests use the real default.
 */
export const testConfig: Partial<KioskConfig> = {
  thanksMs: 60_000,
  minMsPerAnswer: 0,
  burstStarts: 0,
  longPressMs: 300,
  settleMs: 100,
};

/** True once the screen on show takes taps (kiosk/app/useSettle.ts). */
export const settledScript = `return document.querySelector("main")?.hasAttribute("data-settled") === true;`;

export async function applyKioskConfig(
  context: BrowserContext,
  config: Partial<KioskConfig>,
): Promise<void> {
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
    configStorageKey,
    JSON.stringify(config),
  ] as const);
}

export class KioskPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`${this.baseUrl}/kiosk/${query}`);
    await this.waitForStart();
  }

  async waitForStart(): Promise<void> {
    await this.page.locator('[data-action="start"]').waitFor();
  }

  async heading(): Promise<string> {
    return (await this.page.locator("h1").textContent()) ?? "";
  }

  /** What is on screen: a question code, or "start", "thanks", "staff" … */
  async screen(): Promise<string> {
    return this.page.evaluate(() => {
      const section = document.querySelector("main section");
      return (
        section?.getAttribute("data-question") ?? section?.getAttribute("data-screen") ?? "none"
      );
    });
  }

  /** Resolves once the screen on show takes taps (its settle time is over). */
  async waitForSettled(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector("main")?.hasAttribute("data-settled") === true,
    );
  }

  /** Taps once the screen has settled and waits until the screen changes. */
  private async tapAndWait(selector: string): Promise<string> {
    const before = await this.screen();
    await this.waitForSettled();
    await this.page.locator(selector).click();
    await this.page.waitForFunction((previous) => {
      const section = document.querySelector("main section");
      const now =
        section?.getAttribute("data-question") ?? section?.getAttribute("data-screen") ?? "none";
      return now !== previous;
    }, before);
    return this.screen();
  }

  start(): Promise<string> {
    return this.tapAndWait('[data-action="start"]');
  }

  answer(answer: string): Promise<string> {
    return this.tapAndWait(`[data-question] [data-answer="${answer}"]`);
  }

  /** Multi choice: toggles an answer without leaving the screen. */
  async toggle(answer: string): Promise<void> {
    const button = this.page.locator(`[data-question] [data-answer="${answer}"]`);
    const was = await button.getAttribute("aria-checked");
    await this.waitForSettled();
    await button.click();
    await this.page.waitForFunction(
      ([selector, previous]) =>
        document.querySelector(selector)?.getAttribute("aria-checked") !== previous,
      [`[data-question] [data-answer="${answer}"]`, was] as const,
    );
  }

  async type(text: string): Promise<void> {
    await this.page.locator('[data-question="improve_text"] textarea').fill(text);
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

  async chooseLanguage(locale: string): Promise<void> {
    await this.waitForSettled();
    await this.page.locator(`[data-locale="${locale}"]`).click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  }

  /** The quickest complete path: yes, no, very good, yes, nothing. */
  async answerAll(): Promise<void> {
    await this.start();
    for (const answer of ["yes", "no", "very_good", "yes", "nothing"]) await this.answer(answer);
  }

  /** Every stored response, read straight from IndexedDB (not through the app). */
  responses(): Promise<StoredResponse[]> {
    return this.readStore<StoredResponse>("responses");
  }

  async meta(key: string): Promise<unknown> {
    const rows = await this.readStore<{ key: string; value: unknown }>("meta");
    return rows.find((row) => row.key === key)?.value;
  }

  private readStore<T>(store: string): Promise<T[]> {
    return this.page.evaluate(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const request = indexedDB.open("borgerpuls-kiosk");
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains(name)) {
              db.close();
              resolve([]);
              return;
            }
            const all = db.transaction(name).objectStore(name).getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => {
              db.close();
              resolve(all.result as T[]);
            };
          };
        }),
      store,
    );
  }

  /** Resolves once the service worker controls the page, i.e. the kiosk would start offline. */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });
  }

  build(): Promise<string | null> {
    return this.page.getAttribute("html", "data-build");
  }
}
