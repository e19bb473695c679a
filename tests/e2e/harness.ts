import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildFrontendsIfStale } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { launchChromium } from "./browser.ts";

export type BrowserEnv = { db: TestDatabase; server: TestServer; browser: Browser };

/**
 * The usual e2e set-up as the file's hooks: the front ends built (when their sources changed),
 * a database of the file's own, the real server over it and Chromium, all closed after the
 * file. `ready` gets them once they are up: assign them, and add the file's own fixtures.
 */
export function setUpBrowserEnv(ready: (env: BrowserEnv) => void | Promise<void>): void {
  const env: Partial<BrowserEnv> = {};
  beforeAll(async () => {
    await buildFrontendsIfStale(createLogger("warn"));
    env.db = await createTestDatabase();
    env.server = await startTestServer(env.db.pool);
    env.browser = await launchChromium();
    await ready({ db: env.db, server: env.server, browser: env.browser });
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
    await env.db?.drop();
  });
}
