import { afterAll, afterEach, beforeAll } from "vitest";
import { buildFrontendsIfStale } from "../../../sync-server/frontends.ts";
import { createLogger } from "../../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";
import { type BrowserName, type KioskDriver, startDriver } from "./kiosk-driver.ts";
import { KioskModel } from "./kiosk-model.ts";
import { type KioskNetwork, startKioskNetwork } from "./kiosk-network.ts";

/**
 * A kiosk e2e file's hooks: the front ends built, a database and the real server for the file,
 * reached through a network the test can cut (kiosk-network.ts), and one browser per engine,
 * closed after its describe. A scenario file loops over browserNames and calls `useBrowser` in
 * each describe, so every scenario runs in Chromium and in WebKit through the same page model.
 */
export type KioskEnv = {
  db(): TestDatabase;
  /** The kiosk's origin: the server as the browser reaches it. */
  baseUrl(): string;
  /** Cuts or restores the browser's network (both engines alike); restored after each test. */
  setOnline(online: boolean): void;
  /** In a describe: starts that browser before its tests; the getter gives its kiosk. */
  useBrowser(name: BrowserName): () => KioskModel;
};

export function setUpKioskEnv(): KioskEnv {
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  let network: KioskNetwork | undefined;
  beforeAll(async () => {
    await buildFrontendsIfStale(createLogger("warn"));
    db = await createTestDatabase();
    server = await startTestServer(db.pool);
    network = await startKioskNetwork(Number(new URL(server.baseUrl).port));
  });
  // A test that fails offline must not take the next one's network with it.
  afterEach(() => network?.setOnline(true));
  afterAll(async () => {
    await network?.close();
    await server?.close();
    await db?.drop();
  });
  const up = <T>(part: T | undefined, what: string): T => {
    if (!part) throw new Error(`the ${what} is not up yet`);
    return part;
  };
  return {
    db: () => up(db, "database"),
    baseUrl: () => up(network, "network").baseUrl,
    setOnline: (online) => up(network, "network").setOnline(online),
    useBrowser(name) {
      let driver: KioskDriver | undefined;
      let model: KioskModel | undefined;
      beforeAll(async () => {
        driver = await startDriver(name, up(network, "network").baseUrl);
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
