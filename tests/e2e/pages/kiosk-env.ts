import { afterAll, beforeAll } from "vitest";
import { buildFrontendsIfStale } from "../../../sync-server/frontends.ts";
import { createLogger } from "../../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";
import { type BrowserName, type KioskDriver, startDriver } from "./kiosk-driver.ts";
import { KioskModel } from "./kiosk-model.ts";

/**
 * A kiosk e2e file's hooks: the front ends built, a database and the real server for the file,
 * and one browser per engine, closed after the file. A scenario file loops over browserNames
 * and calls `useBrowser` in each describe, so every scenario runs in Chromium and in WebKit
 * through the same page model.
 */
export type KioskEnv = {
  server(): TestServer;
  /** Stops the server, as losing the network would (WebDriver has no offline switch). The
   * next browser's describe gets a new one, on a new port (a new origin: a fresh kiosk). */
  stopServer(): Promise<void>;
  /** In a describe: starts that browser before its tests; the getter gives its kiosk. */
  useBrowser(name: BrowserName): () => KioskModel;
};

export function setUpKioskEnv(): KioskEnv {
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    await buildFrontendsIfStale(createLogger("warn"));
    db = await createTestDatabase();
    server = await startTestServer(db.pool);
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });
  const requireServer = () => {
    if (!server) throw new Error("the server is not up yet");
    return server;
  };
  return {
    server: requireServer,
    async stopServer() {
      await server?.close();
      server = undefined;
    },
    useBrowser(name) {
      let driver: KioskDriver | undefined;
      let model: KioskModel | undefined;
      beforeAll(async () => {
        if (!server && db) server = await startTestServer(db.pool);
        driver = await startDriver(name, requireServer().baseUrl);
        model = new KioskModel(driver);
      });
      // Closed after its describe: one browser at a time on the shared two cores.
      afterAll(async () => {
        await driver?.close();
      });
      return () => {
        if (!model) throw new Error(`${name} did not start`);
        return model;
      };
    },
  };
}
