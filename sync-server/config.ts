import path from "node:path";
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

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
  // Secret keys of the response fingerprints (README "Fingerprint keys"); default in DATA_DIR.
  FINGERPRINT_KEYS_FILE: z.string().min(1).optional(),
});

export type Config = {
  port: number;
  host: string;
  /** Absent means: run the embedded PostgreSQL whose data lives in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof logLevels)[number];
  dbPoolSize: number;
  /** Largest sync request body, and most responses in one request. */
  syncLimits: { bodyLimitBytes: number; maxResponses: number };
  /** The file of secret keys response fingerprints are made with (fingerprint-keys.ts). */
  fingerprintKeysFile: string;
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
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.DB_POOL_SIZE,
    syncLimits: { bodyLimitBytes: e.SYNC_BODY_LIMIT_BYTES, maxResponses: e.SYNC_MAX_RESPONSES },
    fingerprintKeysFile: path.resolve(
      e.FINGERPRINT_KEYS_FILE ?? path.join(dataDir, "fingerprint-keys"),
    ),
  };
}
