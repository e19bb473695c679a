import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db.ts";
import { loadFingerprintKeys } from "./fingerprint-keys.ts";
import { distDir, ensureFrontendsBuilt } from "./frontends.ts";
import { createApp } from "./http/app.ts";
import { createLimitedServer } from "./http/server-limits.ts";
import { rekeyFingerprints } from "./ingest/rekey-fingerprints.ts";
import type { Logger } from "./logger.ts";
import { migrate } from "./migrate.ts";
import { ensureResponsePartitions } from "./queries/partitions.ts";
import { runRetention } from "./retention/run-retention.ts";

export type RunningServer = { url: string; database: Database; close(): Promise<void> };

const dayMs = 24 * 60 * 60 * 1000;
const listenBacklog = 4096;

/** The whole system: front ends built, database open and migrated, HTTP served. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  await ensureFrontendsBuilt(logger);
  const database = await openDatabase(config, logger);
  let server: Server | undefined;
  // Background work close() waits for before the pool goes.
  let rekeying: Promise<unknown> = Promise.resolve();
  try {
    await migrate(database.pool, logger);
    await ensureResponsePartitions(database.pool);
    const fingerprintKeys = await loadFingerprintKeys(
      database.pool,
      config.fingerprintKeysFile,
      logger,
    );
    // Rows from before keyed fingerprints are re-keyed in the background: until then their bare
    // digest is still compared, so sync is right meanwhile (ingest/rekey-fingerprints.ts).
    rekeying = rekeyFingerprints(database.pool, fingerprintKeys, logger).catch((error: unknown) =>
      logger.error({ err: error }, "could not re-key stored response fingerprints"),
    );
    const app = createApp({
      pool: database.pool,
      logger,
      distDir,
      syncLimits: config.syncLimits,
      syncAdmission: config.syncAdmission,
      retryAfterSeconds: config.retryAfterSeconds,
      databaseRestarts: database.restarts,
      security: config,
      fingerprintKeys,
    });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = createLimitedServer(config.http, app);
      listening.once("error", reject);
      // A Monday morning brings a thousand kiosks at once; Node's default accept backlog (511)
      // would leave the rest retrying SYNs for seconds before they even hear "busy".
      listening.listen({ port: config.port, host: config.host, backlog: listenBacklog }, () =>
        resolve(listening),
      );
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
  // Retention once at start and then daily; with several servers the advisory lock in
  // runRetention lets one of them do it (a job queue can take this over later).
  const applyRetention = () =>
    runRetention(database.pool, { logger }).catch((error: unknown) =>
      logger.error({ err: error }, "could not apply retention"),
    );
  // The run in progress, so close() lets it finish before the pool goes.
  let retentionRun = applyRetention();
  const retentionTimer = setInterval(() => {
    retentionRun = applyRetention();
  }, dayMs);
  retentionTimer.unref();

  const { port } = server.address() as AddressInfo;
  const running = server;
  return {
    url: `http://localhost:${port}`,
    database,
    async close() {
      clearInterval(partitionTimer);
      clearInterval(retentionTimer);
      await Promise.all([retentionRun, rekeying]);
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        // Idle keep-alive sockets (kiosks, dashboards) would hold close() open.
        running.closeIdleConnections();
      });
      await database.close();
    },
  };
}
