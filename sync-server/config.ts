import path from "node:path";
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** How long a request may wait on the database before it is answered 503 (README: Timeouts). */
export type DatabaseTimeouts = {
  /** Waiting for a free pool connection (or a new one to open). */
  connectMs: number;
  /** One SQL statement (exports stream their COPY without this limit). */
  statementMs: number;
  /** Waiting for a row or table lock another session holds. */
  lockMs: number;
};
export const defaultDatabaseTimeouts: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 20_000,
  lockMs: 5_000,
};

/** Back-pressure on POST /api/v1/sync: how many are worked on at once, and when to come back. */
export type SyncAdmission = { maxInFlight: number; busyRetryAfterSeconds: number };
/** Retry-After on a 503 caused by the database (down, full, read-only, timed out). */
export const defaultRetryAfterSeconds = 5;

// Four at once keep both cores busy (Node parsing one batch while PostgreSQL writes others)
// without interleaving so many that each takes longer than a kiosk waits.
export const defaultSyncAdmission: SyncAdmission = { maxInFlight: 4, busyRetryAfterSeconds: 2 };

/** Every setting the server reads from its environment, parsed once. README's table mirrors this. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // POST /api/v1/sync (docs/api.md): 4 MiB holds 1,000 responses even with long free text.
  SYNC_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(64 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  SYNC_MAX_RESPONSES: z.coerce.number().int().min(1).max(10_000).default(1000),
  DB_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(defaultDatabaseTimeouts.connectMs),
  DB_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(defaultDatabaseTimeouts.statementMs),
  DB_LOCK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(defaultDatabaseTimeouts.lockMs),
  SYNC_MAX_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(defaultSyncAdmission.maxInFlight),
  SYNC_BUSY_RETRY_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(defaultSyncAdmission.busyRetryAfterSeconds),
  RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(defaultRetryAfterSeconds),
});

/** The environment variables read; README's configuration table lists each (a test checks). */
export const configVariables = Object.keys(envSchema.shape);

export type Config = {
  port: number;
  host: string;
  /** Absent means: run the embedded PostgreSQL whose data lives in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof logLevels)[number];
  dbPoolSize: number;
  dbTimeouts: DatabaseTimeouts;
  /** Largest sync request body, and most responses in one request. */
  syncLimits: { bodyLimitBytes: number; maxResponses: number };
  syncAdmission: SyncAdmission;
  retryAfterSeconds: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are how shells pass "unset"; treat them as absent so defaults apply.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) =>
        `  ${issue.path.join(".")}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.DB_POOL_SIZE,
    dbTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.DB_LOCK_TIMEOUT_MS,
    },
    syncLimits: { bodyLimitBytes: e.SYNC_BODY_LIMIT_BYTES, maxResponses: e.SYNC_MAX_RESPONSES },
    syncAdmission: {
      maxInFlight: e.SYNC_MAX_IN_FLIGHT,
      busyRetryAfterSeconds: e.SYNC_BUSY_RETRY_AFTER_SECONDS,
    },
    retryAfterSeconds: e.RETRY_AFTER_SECONDS,
  };
}
