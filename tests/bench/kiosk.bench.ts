import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import type { Page } from "playwright-core";
import { defaultConfig } from "../../kiosk/app/config.ts";
import { precompressedEncodings } from "../../shared/precompressed.ts";
import { buildFrontendsIfStale, distDir } from "../../sync-server/frontends.ts";
import { staticApp } from "../../sync-server/http/static-apps.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { launchChromium } from "../e2e/browser.ts";
import { configStorageKey, testConfig } from "../e2e/pages/kiosk-page.ts";

/**
 * The kiosk's numbers (issue 11), printed beside their targets, never asserted:
 * - first-load JavaScript as transferred (compressed, headers included) that the page asked for
 *   until the start screen takes taps: target ≤ 100 KB; what it loads once it is up and the
 *   service worker's background precache are printed beside it;
 * - tap → the next screen *painted*, in Chromium at 4× and 6× CPU throttling: targets p95 ≤ 50
 *   and ≤ 100 ms. The clock starts at the tap's own pointerdown timestamp and stops after the
 *   first frame that shows the next screen (a task queued from the frame's requestAnimationFrame
 *   runs after that frame is painted). That is the target's number. The kiosk sends the answer's
 *   IndexedDB write before it renders the next screen and takes no tap until the write has
 *   committed (kiosk/app/useInterview.ts), so the commit is printed beside it, from the same
 *   pointerdown: once it is there, the answer survives the page or the browser crashing. The kiosk acts on
 *   the click (the finger lifted), so the same taps are also printed from the click's own
 *   timestamp, as web-vitals' INP times each event of an interaction from its own timestamp
 *   (INP itself would stop at the first paint after the click's handlers, which is before the
 *   write commits, so it is not this number). Here the press is a synthetic one with no hold,
 *   so the two differ by the input's dispatch only; on a real screen a finger's 50–150 ms hold
 *   falls between them and counts in the first, not the second.
 * The kiosk needs no database for this, so only its static files are served (compressed, as in
 * production).
 */
const interviews = Number(process.env.BENCH_KIOSK_INTERVIEWS ?? 20);
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

await buildFrontendsIfStale(createLogger("warn")).catch((error: unknown) => {
  process.stdout.write(`(front-end build failed, measuring the existing dist/kiosk: ${error})\n`);
});
const app = express();
app.use("/kiosk", staticApp(path.join(distDir, "kiosk"), "The kiosk"));
const server = await new Promise<Server>((resolve) => {
  const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
});
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

// Strings, not functions: tsx's name helpers would not exist inside the page.
const settled = `document.querySelector("main")?.hasAttribute("data-settled") === true`;
/** In the page, before the kiosk: when each readwrite transaction opened and committed. */
const watchCommits = `(() => {
  window.__commits = [];
  const open = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = open.apply(this, args);
    if (args[1] === "readwrite") {
      const entry = { at: performance.now() };
      window.__commits.push(entry);
      tx.addEventListener("complete", () => { entry.done = performance.now(); });
    }
    return tx;
  };
})()`;
/** Arms the page: resolves with ms from the next pointerdown, and from its click, to the paint
 * of the next screen, and from the pointerdown to the commit of the write it made. */
const armScript = `new Promise((resolve) => {
  const screenKey = () => {
    const section = document.querySelector("main section");
    return section?.getAttribute("data-question") ?? section?.getAttribute("data-screen");
  };
  const before = screenKey();
  let downAt = 0;
  let clickAt = 0;
  window.addEventListener("pointerdown", (event) => { downAt = event.timeStamp; }, { capture: true, once: true });
  window.addEventListener("click", (event) => { clickAt = event.timeStamp; }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (screenKey() === before) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const now = performance.now();
        // The write, if the tap made one, was sent within the tap's own task, before this paint.
        const write = window.__commits.find((entry) => entry.at >= downAt);
        const committed = () => {
          if (write && write.done === undefined) return void setTimeout(committed, 5);
          resolve([now - downAt, now - clickAt, write ? write.done - downAt : NaN]);
        };
        committed();
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true });
  window.__bench = true;
})`;

/** ms from the tap's pointerdown, and from its click, to the next screen painted; and from
 * the pointerdown to the answer committed (NaN for a tap that writes nothing). */
async function tap(page: Page, selector: string): Promise<[number, number, number]> {
  await page.waitForFunction(settled);
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no ${selector}`);
  const painted = page.evaluate(armScript);
  await page.waitForFunction("window.__bench === true");
  await page.evaluate("window.__bench = false");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const [fromDown, fromClick, toCommit] = (await painted) as number[];
  return [Number(fromDown), Number(fromClick), Number(toCommit)];
}

try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
    configStorageKey,
    // The tests' short settle time, but the misuse rules as shipped: the first answer's write
    // reads as many earlier starts as a real kiosk's does.
    JSON.stringify({
      ...testConfig,
      burstStarts: defaultConfig.burstStarts,
      burstWindowMs: defaultConfig.burstWindowMs,
      minMsPerAnswer: defaultConfig.minMsPerAnswer,
    }),
  ] as const);
  await context.addInitScript(watchCommits);
  const page = await context.newPage();

  // 1. First load: every script the page asked for until the start screen takes taps. Scripts
  // asked for later (chunks the kiosk loads once it is up, e.g. the sync engine) are not on the
  // start screen's path; they are printed beside, as is what the service worker precaches.
  type Script = {
    url: string;
    bytes: number;
    encoding: string;
    beforeStart: boolean;
    fromWorker: boolean;
  };
  const scripts: Promise<Script>[] = [];
  let startScreenUp = false;
  page.on("request", (request) => {
    const url = request.url();
    if (!url.endsWith(".js") || request.method() !== "GET" || !url.includes("/assets/")) return;
    const beforeStart = !startScreenUp;
    scripts.push(
      request.response().then(async (response) => {
        const sizes = await request.sizes();
        return {
          url,
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: response?.headers()["content-encoding"] ?? "none",
          beforeStart,
          fromWorker: response?.fromServiceWorker() ?? false,
        };
      }),
    );
  });
  await page.goto(`${baseUrl}/kiosk/`);
  await page.waitForFunction(settled);
  startScreenUp = true;
  await page.waitForLoadState("networkidle");
  // The kiosk loads its sync engine a moment after start (kiosk/sync/deferred.ts): wait for it.
  await page.waitForTimeout(3_000);
  const all = await Promise.all(scripts);
  const pageJs = all.filter((script) => script.beforeStart);
  const later = all.filter((script) => !script.beforeStart);
  const sum = (list: Script[]) => list.reduce((total, script) => total + script.bytes, 0);
  const transferred = sum(pageJs);
  const encodings = [...new Set(pageJs.map((script) => script.encoding))].join(", ");
  // What the service worker fetches in the background to work offline: every JS file, in the
  // encoding it would get (the build's brotli where there is one).
  const kioskDir = path.join(distDir, "kiosk");
  const brotli = precompressedEncodings[0].suffix;
  const precacheJs = [
    ...fs.readdirSync(path.join(kioskDir, "assets")).map((file) => path.join("assets", file)),
    ...fs.readdirSync(kioskDir),
  ]
    .filter((file) => file.endsWith(".js"))
    .reduce((total, file) => {
      const full = path.join(kioskDir, file);
      const compressed = fs.existsSync(`${full}${brotli}`) ? `${full}${brotli}` : full;
      return total + fs.statSync(compressed).size;
    }, 0);
  process.stdout.write(
    `kiosk first load: JS transferred ${kb(transferred)} KB until the start screen takes taps (${pageJs.length} file${pageJs.length === 1 ? "" : "s"}, ${encodings}; target ≤ 100 KB), ${kb(sum(later))} KB more once it is up (${later.length} file${later.length === 1 ? "" : "s"}, ${later.filter((script) => script.fromWorker).length} of them from the service worker's cache); the service worker then precaches ${kb(precacheJs)} KB of JS in the background\n`,
  );
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // 2. Tap → next screen painted, CPU throttled 4× and 6×.
  const cdp = await context.newCDPSession(page);
  for (const [rate, target] of [
    [4, 50],
    [6, 100],
  ] as const) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    const samples: number[] = [];
    const fromClick: number[] = [];
    const toCommit: number[] = [];
    for (let i = 0; i < interviews; i += 1) {
      await tap(page, '[data-action="start"]');
      for (const answer of ["yes", "yes", "no", "good", "yes", "nothing"]) {
        const [down, click, commit] = await tap(page, `[data-question] [data-answer="${answer}"]`);
        samples.push(down);
        fromClick.push(click);
        toCommit.push(commit);
      }
      await tap(page, '[data-action="done"]');
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const sortedFromClick = [...fromClick].sort((a, b) => a - b);
    const sortedToCommit = toCommit.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
    process.stdout.write(
      `kiosk tap → next screen painted, ${rate}× CPU throttling, ${samples.length} taps: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (target p95 ≤ ${target} ms); from the click: p50 ${percentile(sortedFromClick, 50).toFixed(1)} ms, p95 ${percentile(sortedFromClick, 95).toFixed(1)} ms; tap → answer committed to IndexedDB (${sortedToCommit.length} writes): p50 ${percentile(sortedToCommit, 50).toFixed(1)} ms, p95 ${percentile(sortedToCommit, 95).toFixed(1)} ms\n`,
    );
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
