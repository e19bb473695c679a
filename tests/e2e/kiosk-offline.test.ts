import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { applyKioskConfig, KioskPage, testConfig } from "./pages/kiosk-page.ts";

let server: TestServer;
let browser: Browser;

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
});

describe("offline (Chromium)", () => {
  it("after one load: three interviews with no network, a reload offline, all three kept, still working", async () => {
    const context = await browser.newContext();
    await applyKioskConfig(context, testConfig);
    const page = await context.newPage();
    const kiosk = new KioskPage(page, server.baseUrl);
    await kiosk.goto();
    // The first load is controlled at once (clientsClaim): no second visit is needed.
    await kiosk.waitForServiceWorker();

    await context.setOffline(true);
    for (let i = 0; i < 3; i += 1) {
      await kiosk.answerAll();
      expect(await kiosk.done()).toBe("start");
    }
    await page.reload();
    await kiosk.waitForStart();
    expect(await kiosk.heading()).toBe("Hvordan gik dit besøg i dag?");

    const stored = (await kiosk.responses()).sort((a, b) => a.seq - b.seq);
    expect(stored.map((r) => [r.seq, r.status, r.syncState])).toEqual([
      [1, "complete", "pending"],
      [2, "complete", "pending"],
      [3, "complete", "pending"],
    ]);

    // And it still works: a fourth interview, offline, after the reload.
    await kiosk.answerAll();
    expect((await kiosk.responses()).map((r) => r.seq).sort()).toEqual([1, 2, 3, 4]);
    await context.close();
  });

  it("a reload mid-interview keeps the answers so far as abandoned, and seq is never reused", async () => {
    const context = await browser.newContext();
    await applyKioskConfig(context, testConfig);
    const page = await context.newPage();
    const kiosk = new KioskPage(page, server.baseUrl);
    await kiosk.goto();
    await kiosk.start();
    await kiosk.answer("yes");
    await page.reload();
    await kiosk.waitForStart();
    await expect.poll(async () => (await kiosk.responses())[0]?.status).toBe("abandoned");
    expect((await kiosk.responses())[0]).toMatchObject({
      seq: 1,
      answers: { got_help: "yes" },
      syncState: "pending",
    });
    await kiosk.answerAll();
    expect((await kiosk.responses()).map((r) => r.seq).sort()).toEqual([1, 2]);
    await context.close();
  });
});
