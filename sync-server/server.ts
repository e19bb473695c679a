import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db.ts";
import { distDir, ensureFrontendsBuilt } from "./frontends.ts";
import { createApp } from "./http/app.ts";
import type { Logger } from "./logger.ts";
import { migrate } from "./migrate.ts";
import { ensureResponsePartitions } from "./queries/partitions.ts";

export type RunningServer = { url: string; database: Database; close(): Promise<void> };

const dayMs = 24 * 60 * 60 * 1000;
const listenBacklog = 4096;

/** The whole system: front ends built, database open and migrated, HTTP served. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  await ensureFrontendsBuilt(logger);
  const database = await openDatabase(config, logger);
  let server: Server | undefined;
  try {
    await migrate(database.pool, logger);
    await ensureResponsePartitions(database.pool);
    const app = createApp({
      pool: database.pool,
      logger,
      distDir,
      syncLimits: config.syncLimits,
      syncAdmission: config.syncAdmission,
      retryAfterSeconds: config.retryAfterSeconds,
      databaseRestarts: database.restarts,
    });
    server = await new Promise<Server>((resolve, reject) => {
      // A Monday morning brings a thousand kiosks at once; Node's default accept backlog (511)
      // would leave the rest retrying SYNs for seconds before they even hear "busy".
      const listening = app.listen(
        { port: config.port, host: config.host, backlog: listenBacklog },
        () => resolve(listening),
      );
      listening.once("error", reject);
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const partitionTimer = setInterval(() => {
    ensureResponsePartitions(database.pool).catch((error: unknown) =>
      logger.error({ err: error }, "could not prepare response partitions"),
    );
  }, dayMs);
  partitionTimer.unref();

  const { port } = server.address() as AddressInfo;
  const running = server;
  return {
    url: `http://localhost:${port}`,
    database,
    async close() {
      clearInterval(partitionTimer);
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        // Idle keep-alive sockets (kiosks, dashboards) would hold close() open.
        running.closeIdleConnections();
      });
      await database.close();
    },
  };
}
