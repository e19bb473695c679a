import type { Browser, BrowserContext, Page } from "playwright-core";
import type { KioskConfig } from "../../../kiosk/app/config.ts";
import { launchChromium } from "../browser.ts";
import { applyKioskConfig, configStorageKey } from "./kiosk-page.ts";
import { WebKitSession, webkitAvailable } from "./webkit-driver.ts";

/**
 * What a kiosk test needs from a browser, so one scenario runs in Chromium (Playwright) and in
 * WebKit (WebDriver) alike. Scripts are function bodies that read `arguments`, the WebDriver
 * way; a body may return a promise.
 */
export interface KioskDriver {
  readonly name: "chromium" | "webkit";
  /**
   * Opens the kiosk in a clean state (no IndexedDB, the given config) and waits for start; with
   * a query (an enrolment link) it waits only for the first screen, whichever it is.
   */
  open(config: Partial<KioskConfig>, query?: string): Promise<void>;
  /** A real pointer click on the first element matching a CSS selector. */
  click(selector: string): Promise<void>;
  /** Two pointer taps on the same spot, `gapMs` apart (the second lands on whatever is there then). */
  doubleTap(selector: string, gapMs: number): Promise<void>;
  /** Replaces a text field's text, typed as a keyboard would. */
  type(selector: string, text: string): Promise<void>;
  /** Presses on an element, holds for holdMs, releases (a long press). */
  hold(selector: string, holdMs: number): Promise<void>;
  /** Navigates to a path on the server (e.g. an enrolment link) without waiting for a screen. */
  goto(path: string): Promise<void>;
  run<T>(body: string, args?: unknown[]): Promise<T>;
  waitFor(body: string, args?: unknown[], timeoutMs?: number): Promise<void>;
  /** Sets the window's viewport (CSS px). */
  resize(width: number, height: number): Promise<void>;
  /** Reloads the page (the kiosk's boot runs again) and waits for the start screen. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export const browserNames = ["chromium", "webkit"] as const;
export type BrowserName = (typeof browserNames)[number];

/** Starts the browser for a test file; the caller opens the kiosk per test. */
export async function startDriver(name: BrowserName, baseUrl: string): Promise<KioskDriver> {
  if (name === "chromium") return new ChromiumDriver(await launchChromium(), baseUrl);
  const missing = webkitAvailable();
  if (missing) throw new Error(`WebKit tests need ${missing}; \`bash .ci/run\` installs both.`);
  return new WebKitDriver(await WebKitSession.start(), baseUrl);
}

const pollMs = 50;

/** What `open` waits for: the start screen, or after a link any screen but the boot's. */
const firstScreen = (query: string) =>
  query === ""
    ? '[data-action="start"]'
    : 'main section[data-screen]:not([data-screen="loading"]), main section[data-question]';

class ChromiumDriver implements KioskDriver {
  readonly name = "chromium";
  private context: BrowserContext | undefined;
  private current: Page | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  private get page(): Page {
    if (!this.current) throw new Error("open the kiosk first");
    return this.current;
  }

  async open(config: Partial<KioskConfig>, query = ""): Promise<void> {
    await this.context?.close();
    // A fresh context per test: its own IndexedDB, storage and service worker.
    this.context = await this.browser.newContext({ viewport: { width: 1024, height: 768 } });
    await applyKioskConfig(this.context, config);
    this.current = await this.context.newPage();
    await this.page.goto(`${this.baseUrl}/kiosk/${query}`);
    await this.page.locator(firstScreen(query)).first().waitFor();
  }

  async click(selector: string): Promise<void> {
    await this.page.locator(selector).first().click();
  }

  async doubleTap(selector: string, gapMs: number): Promise<void> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.click(x, y);
    await this.page.waitForTimeout(gapMs);
    await this.page.mouse.click(x, y);
  }

  async type(selector: string, text: string): Promise<void> {
    await this.page.locator(selector).first().fill(text);
  }

  async hold(selector: string, holdMs: number): Promise<void> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.waitForTimeout(holdMs);
    await this.page.mouse.up();
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  run<T>(body: string, args: unknown[] = []): Promise<T> {
    // A string, not a function: tsx's helpers would not exist inside the page.
    return this.page.evaluate(`(function () { ${body} }).apply(null, ${JSON.stringify(args)})`);
  }

  /** Polls through evaluate: waitForFunction with a string would be an eval, which the CSP forbids. */
  async waitFor(body: string, args: unknown[] = [], timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await this.run<boolean>(body, args).catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    throw new Error(`Timed out waiting for: ${body}`);
  }

  async resize(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.locator('[data-action="start"]').waitFor();
  }

  async close(): Promise<void> {
    await this.context?.close();
    await this.browser.close();
  }
}

class WebKitDriver implements KioskDriver {
  readonly name = "webkit";

  constructor(
    private readonly session: WebKitSession,
    private readonly baseUrl: string,
  ) {}

  async open(config: Partial<KioskConfig>, query = ""): Promise<void> {
    // One browser for the file: clean up from a same-origin page the kiosk does not run on.
    // The stores are emptied rather than the database deleted: a deletion waits for every open
    // connection, and WebKit may keep the last page's alive for a while.
    // The clean-up gives up after a while instead of hanging the test: a page WebKit keeps
    // alive after the navigation can still hold a transaction on these stores (seen once in CI:
    // every later test of the file waited out WebDriver's 30-s script timeout). Then the
    // window is replaced, which destroys that page, and the clean-up runs again.
    for (let attempt = 1; ; attempt++) {
      await this.session.goto(`${this.baseUrl}/healthz`);
      const cleaned = await this.session.executeAsync<boolean>(
        `const done = arguments[arguments.length - 1];
         const giveUp = setTimeout(() => done(false), 10000);
         const finish = (ok) => { clearTimeout(giveUp); done(ok); };
         localStorage.setItem(arguments[0], arguments[1]);
         const request = indexedDB.open("borgerpuls-kiosk");
         request.onerror = () => finish(false);
         request.onsuccess = () => {
           const db = request.result;
           const names = [...db.objectStoreNames];
           if (!names.length) { db.close(); finish(true); return; }
           const tx = db.transaction(names, "readwrite");
           for (const name of names) tx.objectStore(name).clear();
           tx.oncomplete = () => { db.close(); finish(true); };
           tx.onerror = () => { db.close(); finish(false); };
         };`,
        [configStorageKey, JSON.stringify(config)],
      );
      if (cleaned) break;
      if (attempt >= 3) throw new Error("could not empty the kiosk's IndexedDB in WebKit");
      await this.session.freshWindow();
    }
    // Every test starts as Chromium's do: an iPad in landscape.
    await this.session.setViewport(1024, 768);
    await this.session.goto(`${this.baseUrl}/kiosk/${query}`);
    await this.waitFor("return !!document.querySelector(arguments[0]);", [firstScreen(query)]);
  }

  click(selector: string): Promise<void> {
    return this.session.click(selector);
  }

  doubleTap(selector: string, gapMs: number): Promise<void> {
    return this.session.tapTwice(selector, gapMs);
  }

  async type(selector: string, text: string): Promise<void> {
    await this.session.type(selector, text);
  }

  hold(selector: string, holdMs: number): Promise<void> {
    return this.session.hold(selector, holdMs);
  }

  goto(path: string): Promise<void> {
    return this.session.goto(`${this.baseUrl}${path}`);
  }

  async run<T>(body: string, args: unknown[] = []): Promise<T> {
    const result = await this.session.executeAsync<T | { __error: string }>(
      `const done = arguments[arguments.length - 1];
       const args = Array.prototype.slice.call(arguments, 0, -1);
       Promise.resolve()
         .then(() => (function () { ${body} }).apply(null, args))
         .then(done, (error) => done({ __error: String(error) }));`,
      args,
    );
    if (typeof result === "object" && result !== null && Object.hasOwn(result, "__error"))
      throw new Error(`in WebKit: ${(result as { __error: string }).__error}`);
    return result as T;
  }

  async waitFor(body: string, args: unknown[] = [], timeoutMs = 15_000): Promise<void> {
    await this.session.waitFor(body, args, timeoutMs);
  }

  resize(width: number, height: number): Promise<void> {
    return this.session.setViewport(width, height);
  }

  async reload(): Promise<void> {
    await this.session.execute("location.reload();");
    // The old document may still answer for a moment: wait for it to go first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await this.waitFor(`return !!document.querySelector('[data-action="start"]');`);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
