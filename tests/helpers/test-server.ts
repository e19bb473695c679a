import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Pool } from "../../sync-server/db.ts";
import { distDir } from "../../sync-server/frontends.ts";
import { type AppDeps, createApp } from "../../sync-server/http/app.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { testFingerprintKeys } from "./fingerprint-keys.ts";

export type TestServer = {
  baseUrl: string;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

/** The real HTTP app on a free loopback port, over the given database. */
export async function startTestServer(
  pool: Pool,
  options: Partial<Omit<AppDeps, "pool">> = {},
): Promise<TestServer> {
  const app = createApp({
    ...options,
    pool,
    logger: options.logger ?? createLogger("silent"),
    distDir: options.distDir ?? distDir,
    fingerprintKeys: options.fingerprintKeys ?? testFingerprintKeys,
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
