import type http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db.ts";
import { loadFingerprintKeys } from "./fingerprint-keys.ts";
import { distDir, ensureFrontendsBuilt } from "./frontends.ts";
import { createApp } from "./http/app.ts";
import { createLimitedServer } from "./http/server-limits.ts";
import { rekeyFingerprints } from "./ingest/rekey-fingerprints.ts";
import { installJobQueue } from "./jobs/install-queue.ts";
import { type JobRunner, startJobs } from "./jobs/start-jobs.ts";
import type { Logger } from "./logger.ts";
import { migrate } from "./migrate.ts";
import { createMailChannel } from "./notify/mail-channel.ts";
import { ensureResponsePartitions } from "./queries/partitions.ts";
import { primaryReads, type ReadRouting, startReadReplica } from "./read-replica.ts";
import { httpsRedirectServer } from "./serving/https-redirect.ts";
import { requestDrain } from "./serving/request-drain.ts";
import { readCertificate, watchCertificate } from "./serving/tls-certificate.ts";
import { loadSamlSpKey } from "./sso/saml/sp-key-files.ts";

export type RunningServer = {
  url: string;
  /** With TLS and HTTP_REDIRECT_PORT: the plain-HTTP address that redirects to url. */
  redirectUrl: string | undefined;
  database: Database;
  /**
   * Graceful stop: no new connections, running requests finish (at most shutdownGraceMs, then
   * their connections are cut), then the pool and the embedded PostgreSQL stop.
   */
  close(): Promise<void>;
};

const dayMs = 24 * 60 * 60 * 1000;
// The replica's lag is measured this often: a lag over the limit is noticed within 2 s, and the
// two small queries cost nothing beside the dashboard's own.
const replicaCheckEveryMs = 2_000;
// A Monday morning brings a thousand kiosks at once; Node's default accept backlog (511)
// would leave the rest retrying SYNs for seconds before they even hear "busy".
const listenBacklog = 4096;

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, backlog: listenBacklog }, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets (kiosks, dashboards) would hold close() open.
    server.closeIdleConnections();
  });
}

/** The whole system: front ends built, database open and migrated, HTTP(S) served. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  await ensureFrontendsBuilt(logger);
  const certificate = config.tls ? readCertificate(config.tls) : undefined;
  const database = await openDatabase(config, logger);
  // The app needs the fingerprint keys, and they are checked against the migrated database:
  // so it is made after the migrations. What was made is closed if a later step fails.
  const made: http.Server[] = [];
  let main: http.Server;
  let drain: ReturnType<typeof requestDrain>;
  let redirect: http.Server | undefined;
  let port: number;
  let redirectPort: number | undefined;
  // Background work close() waits for before the pool goes.
  let rekeying: Promise<unknown> = Promise.resolve();
  let jobs: JobRunner | undefined;
  let reads: ReadRouting = primaryReads(database.pool);
  const mail = createMailChannel(config.notifications, logger);
  try {
    await migrate(database.pool, logger);
    await installJobQueue(database.pool, logger);
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
    if (config.readReplica) {
      reads = startReadReplica(
        database.pool,
        {
          ...config.readReplica,
          poolSize: config.dbPoolSize,
          checkEveryMs: replicaCheckEveryMs,
          timeouts: config.dbTimeouts,
        },
        logger,
      );
    }
    const app = createApp({
      pool: database.pool,
      reads: reads.reads,
      replicaStatus: config.readReplica ? reads.status : undefined,
      logger,
      distDir,
      syncLimits: config.syncLimits,
      syncAdmission: config.syncAdmission,
      retryAfterSeconds: config.retryAfterSeconds,
      databaseRestarts: database.restarts,
      security: config,
      fingerprintKeys,
      publicUrl: config.notifications.publicUrl,
      samlSpKey: await loadSamlSpKey(config.samlSpKeyFiles),
    });
    drain = requestDrain(app);
    main = createLimitedServer(config.http, drain.handler, certificate);
    made.push(main);
    port = await listen(main, config.port, config.host);
    if (config.tls && config.httpRedirectPort !== undefined) {
      redirect = httpsRedirectServer(port);
      made.push(redirect);
      redirectPort = await listen(redirect, config.httpRedirectPort, config.host);
    }
    // Digests, alerts, retention and backups run as jobs (sync-server/jobs), once across all
    // servers.
    jobs = await startJobs(database.url, config.notifications.jobConcurrency, {
      pool: database.pool,
      logger,
      mail,
      webhookSecret: config.notifications.webhookSecret,
      publicUrl: config.notifications.publicUrl ?? `http://localhost:${port}`,
      digestHour: config.notifications.digestHour,
      backup: config.backupSchedule,
    });
  } catch (error) {
    for (const server of made) server.close();
    await jobs?.stop();
    mail?.close();
    await rekeying;
    await reads.close();
    await database.close();
    throw error;
  }
  const stopWatching =
    main instanceof https.Server && config.tls
      ? watchCertificate(main, config.tls, logger)
      : () => {};
  const partitionTimer = setInterval(() => {
    ensureResponsePartitions(database.pool).catch((error: unknown) =>
      logger.error({ err: error }, "could not prepare response partitions"),
    );
  }, dayMs);
  partitionTimer.unref();
  const runner = jobs;

  return {
    url: `${certificate ? "https" : "http"}://localhost:${port}`,
    redirectUrl: redirectPort === undefined ? undefined : `http://localhost:${redirectPort}`,
    database,
    async close() {
      clearInterval(partitionTimer);
      stopWatching();
      const closed = Promise.all([closeServer(main), redirect ? closeServer(redirect) : undefined]);
      const finished = await drain.drain(config.shutdownGraceMs);
      if (!finished) {
        // Their transactions roll back when PostgreSQL stops: the kiosk retries the whole batch.
        logger.warn(
          { running: drain.running(), graceMs: config.shutdownGraceMs },
          "cutting requests still running after the grace period",
        );
      }
      main.closeAllConnections();
      redirect?.closeAllConnections();
      await closed;
      // Running jobs finish (or fail and are retried by the next server to start).
      await Promise.all([runner?.stop(), rekeying]);
      mail?.close();
      await reads.close();
      await database.close();
    },
  };
}
