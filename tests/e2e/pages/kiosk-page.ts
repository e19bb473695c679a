import type { BrowserContext } from "playwright-core";
import type { KioskConfig } from "../../../kiosk/app/config.ts";

/**
 * The kiosk's test configuration, in either browser: the localStorage key the kiosk reads its
 * override from (kiosk/app/config.ts) and the values the e2e tests run with. The kiosk itself is
 * driven through kiosk-model.ts.
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
