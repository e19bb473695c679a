import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFrontendsIfStale, distDir, projectRoot } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { launchChromium } from "./browser.ts";
import { applyKioskConfig, KioskPage, testConfig } from "./pages/kiosk-page.ts";

let db: TestDatabase;
let server: TestServer;
let browser: Browser;
let served: string;
let nextVersion: string;

/** The server serves `served`; "deploying" swaps the kiosk files in it. */
function deploy(from: string): void {
  fs.rmSync(path.join(served, "kiosk"), { recursive: true, force: true });
  fs.cpSync(from, path.join(served, "kiosk"), { recursive: true });
}

beforeAll(async () => {
  await buildFrontendsIfStale(createLogger("warn"));
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "kiosk-update-"));
  served = path.join(temp, "served");
  nextVersion = path.join(temp, "next");
  // The same sources built again with another build id: a new version, as a deploy would make.
  await build({
    configFile: path.join(projectRoot, "kiosk/vite.config.ts"),
    logLevel: "warn",
    define: { __KIOSK_BUILD__: JSON.stringify("update-test-v2") },
    build: { outDir: nextVersion, emptyOutDir: true },
  });
  deploy(path.join(distDir, "kiosk"));
  db = await createTestDatabase();
  server = await startTestServer(db.pool, { distDir: served });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.drop();
  if (served) fs.rmSync(path.dirname(served), { recursive: true, force: true });
});

describe("safe update (Chromium)", () => {
  it("a version that arrives mid-interview waits, and is applied on the start screen after it", async () => {
    const context = await browser.newContext();
    await applyKioskConfig(context, testConfig);
    const page = await context.newPage();
    const kiosk = new KioskPage(page, server.baseUrl);
    await kiosk.goto();
    await kiosk.waitForServiceWorker();
    const first = await kiosk.build();
    expect(first).not.toBe("update-test-v2");

    await kiosk.start();
    await kiosk.answer("yes");
    deploy(nextVersion);
    // The kiosk never navigates, so it asks for sw.js itself; here the test asks at once.
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.waitForFunction(
      async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting),
      undefined,
      { timeout: 30_000 },
    );

    // The new version is waiting; the citizen carries on in the old one, undisturbed.
    expect(await kiosk.screen()).toBe("sent_on");
    for (const answer of ["no", "good", "yes", "nothing"]) await kiosk.answer(answer);
    expect(await kiosk.screen()).toBe("thanks");
    expect(await kiosk.build()).toBe(first);

    // Back on the start screen with no interview: now the update takes over (one reload).
    await kiosk.waitForSettled();
    await kiosk.page.locator('[data-action="done"]').click();
    await page.waitForFunction(
      () => document.documentElement.dataset.build === "update-test-v2",
      undefined,
      {
        timeout: 30_000,
      },
    );
    await kiosk.waitForStart();
    const [response] = await kiosk.responses();
    expect(response).toMatchObject({
      status: "complete",
      answers: {
        got_help: "yes",
        sent_on: "no",
        guidance: "good",
        seen_heard: "yes",
        improve: "nothing",
      },
    });
    await context.close();
  });
});
