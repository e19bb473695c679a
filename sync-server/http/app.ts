import path from "node:path";
import express, { type Express } from "express";
import helmet from "helmet";
import {
  type Config,
  defaultRetryAfterSeconds,
  loadConfig,
  type SyncAdmission,
} from "../config.ts";
import type { Pool, ReadPool } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import type { Logger } from "../logger.ts";
import { createLoginThrottle } from "../login-throttle.ts";
import { createPasswordGate, type PasswordGate } from "../password-gate.ts";
import type { ReplicaStatus } from "../read-replica.ts";
import type { SpKeyPair } from "../sso/saml/service-provider.ts";
import { apiRoutes } from "./api.ts";
import { errorHandler, notFoundHandler } from "./errors.ts";
import { healthRoutes } from "./health.ts";
import { createMetrics, type Metrics, metricsAccess, metricsMiddleware } from "./metrics.ts";
import { staticApp } from "./static-apps.ts";
import type { SyncLimits } from "./sync-routes.ts";
import { createWriteHealth } from "./write-health.ts";

export type AppDeps = {
  pool: Pool;
  /** Report, dashboard and export reads; absent: the primary (pool). */
  reads?: ReadPool;
  /** The read replica's lag and use, for /metrics (read-replica.ts). */
  replicaStatus?: () => ReplicaStatus;
  logger: Logger;
  distDir: string;
  metrics?: Metrics;
  syncLimits?: SyncLimits;
  fingerprintKeys: FingerprintKeys;
  syncAdmission?: SyncAdmission;
  /** Retry-After on 503s caused by the database. */
  retryAfterSeconds?: number;
  /** Restarts of the embedded PostgreSQL, for /metrics. */
  databaseRestarts?: () => number;
  /** The security settings of config.ts; each one absent takes its default from there. */
  security?: Partial<SecuritySettings>;
  /** PUBLIC_URL: single sign-on's redirect URIs start here; absent, at the request's origin. */
  publicUrl?: string | undefined;
  /** The SAML SP's own key pair (SAML_SP_CERT_FILE/SAML_SP_KEY_FILE); absent, none. */
  samlSpKey?: SpKeyPair | undefined;
  /** The log-in slowdown's clock; tests move it instead of waiting. */
  clock?: () => number;
};

export type SecuritySettings = Pick<
  Config,
  "trustProxy" | "passwordHashing" | "metricsToken" | "enrolCodeTtlMinutes"
>;

function securitySettings(given: Partial<SecuritySettings> | undefined): SecuritySettings {
  const defaults = loadConfig({});
  return {
    trustProxy: given?.trustProxy ?? defaults.trustProxy,
    passwordHashing: given?.passwordHashing ?? defaults.passwordHashing,
    metricsToken: given?.metricsToken ?? defaults.metricsToken,
    enrolCodeTtlMinutes: given?.enrolCodeTtlMinutes ?? defaults.enrolCodeTtlMinutes,
  };
}

export function createApp(
  deps: AppDeps,
): Express & { metrics: Metrics; passwordGate: PasswordGate } {
  const metrics =
    deps.metrics ??
    createMetrics({ databaseRestarts: deps.databaseRestarts, readReplica: deps.replicaStatus });
  const security = securitySettings(deps.security);
  const passwordGate = createPasswordGate(security.passwordHashing);
  const writeHealth = createWriteHealth();
  const retryAfterSeconds = deps.retryAfterSeconds ?? defaultRetryAfterSeconds;
  const app = express();
  app.disable("x-powered-by");
  // The client address (rate limits, audit log) and scheme (Secure cookies) come from
  // X-Forwarded-* only when TRUST_PROXY names the municipal reverse proxy; by default from the
  // socket, so nobody can make up a new address per request.
  app.set("trust proxy", security.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The dashboard draws QR codes and charts into data: images.
          "img-src": ["'self'", "data:"],
          // A kiosk enrolled to this server talks only to it.
          "connect-src": ["'self'"],
          // Kiosks reach the server over the municipal LAN, often plain http; WebKit (the iPad)
          // applies this directive to LAN addresses too and would fetch the app over https.
          "upgrade-insecure-requests": null,
        },
      },
    }),
  );
  app.use(metricsMiddleware(metrics));

  app.use(healthRoutes({ pool: deps.pool, writeHealth, retryAfterSeconds }));
  app.get("/metrics", metricsAccess(security.metricsToken), async (_req, res) => {
    res.set("Content-Type", metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    "/api/v1",
    apiRoutes({
      pool: deps.pool,
      reads: deps.reads ?? (() => deps.pool),
      logger: deps.logger,
      metrics,
      writeHealth,
      syncLimits: deps.syncLimits,
      syncAdmission: deps.syncAdmission,
      passwords: {
        gate: passwordGate,
        throttle: createLoginThrottle(deps.pool, deps.clock),
        clock: deps.clock,
      },
      enrolCodeTtlMinutes: security.enrolCodeTtlMinutes,
      fingerprintKeys: deps.fingerprintKeys,
      publicUrl: deps.publicUrl,
      samlSpKey: deps.samlSpKey,
    }),
  );
  app.use("/api", notFoundHandler);
  app.use("/kiosk", staticApp(path.join(deps.distDir, "kiosk"), "The kiosk"));
  app.use("/dashboard", staticApp(path.join(deps.distDir, "dashboard"), "The dashboard"));
  app.get("/", (_req, res) => res.redirect("/dashboard/"));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, { retryAfterSeconds, writeHealth, metrics }));
  return Object.assign(app, { metrics, passwordGate });
}
