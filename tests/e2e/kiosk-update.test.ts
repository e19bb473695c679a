import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFrontendsIfStale, distDir, projectRoot } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { browserNames, type KioskDriver, startDriver } from "./pages/kiosk-driver.ts";
import { KioskModel } from "./pages/kiosk-model.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * The safe update, in Chromium and in WebKit (the iPad's engine, MiniBrowser over WebDriver): a
 * new version deployed mid-interview installs and waits; the citizen finishes in the old one;
 * the start screen after it applies the new one (one reload).
 */
let db: TestDatabase;
let server: TestServer;
let served: string;
let nextVersion: string;
const newBuild = "update-test-v2";

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
    define: { __KIOSK_BUILD__: JSON.stringify(newBuild) },
    build: { outDir: nextVersion, emptyOutDir: true },
  });
  db = await createTestDatabase();
  server = await startTestServer(db.pool, { distDir: served });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
  if (served) fs.rmSync(path.dirname(served), { recursive: true, force: true });
});

const buildScript = "return document.documentElement.dataset.build ?? '';";

for (const name of browserNames) {
  describe(`safe update (${name})`, () => {
    let driver: KioskDriver | undefined;
    beforeAll(async () => {
      // Each browser starts from the old version.
      deploy(path.join(distDir, "kiosk"));
      driver = await startDriver(name, server.baseUrl);
    });
    // One browser at a time on the shared two cores.
    afterAll(async () => {
      await driver?.close();
    });

    it("a version that arrives mid-interview waits, and is applied on the start screen after it", async () => {
      if (!driver) throw new Error(`${name} did not start`);
      const kiosk = new KioskModel(driver);
      await driver.open(testConfig);
      await kiosk.waitForServiceWorker();
      const first = await driver.run<string>(buildScript);
      expect(first).not.toBe(newBuild);

      await kiosk.start();
      await kiosk.answer("yes");
      deploy(nextVersion);
      // The kiosk never navigates, so it asks for sw.js itself; here the test asks at once.
      await driver.run(`return navigator.serviceWorker.getRegistration()
        .then((registration) => registration && registration.update())
        .then(() => true);`);
      await driver.waitFor(
        `return navigator.serviceWorker.getRegistration()
          .then((registration) => Boolean(registration && registration.waiting));`,
        [],
        30_000,
      );

      // The new version is waiting; the citizen carries on in the old one, undisturbed.
      expect(await kiosk.screen()).toBe("sent_on");
      for (const answer of ["no", "good", "yes"]) await kiosk.answer(answer);
      expect(await kiosk.answer("nothing")).toBe("thanks");
      expect(await driver.run<string>(buildScript)).toBe(first);

      // Back on the start screen with no interview: now the update takes over (one reload).
      // (The reload may already be under way when "done" returns: the screen then reads "none".)
      // If the reload lands while done() reads the screen, that read loses its page: expected.
      await kiosk.done().catch((error: unknown) => {
        if (!/context was destroyed|navigat/i.test(String(error))) throw error;
      });
      await driver.waitFor(
        `return document.documentElement.dataset.build === arguments[0];`,
        [newBuild],
        30_000,
      );
      await kiosk.waitFor('[data-action="start"]');
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
      // And the new version works: an interview in it is stored after the first.
      await kiosk.answerAll();
      expect((await kiosk.responses()).map((r) => r.seq)).toEqual([1, 2]);
    });
  });
}
