import { isIP } from "node:net";
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
  // A streaming replica for report, dashboard and export reads (README "Several servers").
  READ_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  READ_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  DATA_DIR: z.string().min(1).default(".data"),
  // As root the embedded PostgreSQL runs as `postgres`; what it cannot reach in place (a clone
  // under a 0700 home) is copied or placed here instead.
  EMBEDDED_PG_RUNTIME_DIR: z.string().min(1).default("/var/lib/borgerpuls"),
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
  // Nobody is trusted to say who the client is unless named: a hop count or addresses/CIDRs.
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === undefined)
        ctx.addIssue({
          code: "custom",
          message:
            "must be false, a hop count (1) or a comma-separated list of addresses/CIDRs " +
            "(10.0.0.5, 10.1.0.0/16, loopback)",
        });
      return parsed ?? false;
    }),
  // scrypt needs 128 MiB and a libuv thread per hash; more in parallel starves file reads.
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(65_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(1000),
  ENROL_CODE_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60),
  // HTTPS without a reverse proxy (Safari gives a home-screen app its service worker only over
  // HTTPS). PEM files, re-read when they change (certbot renewals).
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  // With TLS: a plain-HTTP port that only redirects to HTTPS (e.g. 80, or 8080 for old kiosks).
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // SIGTERM: how long running requests may take to finish before their connections are cut.
  // Daily backups by the server (npm run admin -- backup, as a job on the queue): where, how
  // many kept, and when (HH:MM, the server's local time). Unset BACKUP_DIR: none scheduled.
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
  BACKUP_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM, e.g. 02:30")
    .default("02:30"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Digests and alerts (README "Digests and alerts"). Unset SMTP_URL: the mail channel is off.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Borgerpuls <borgerpuls@localhost>"),
  // The address mails link to (the dashboard as users reach it); default: this server's port.
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // SAML SP's own certificate and key (PEM; README "SAML 2.0"): AuthnRequests are signed with
  // it and assertions encrypted to it are read. Unset: unsigned requests, no encrypted assertions.
  SAML_SP_CERT_FILE: z.string().min(1).optional(),
  SAML_SP_KEY_FILE: z.string().min(1).optional(),
  // Signs webhook bodies (X-Borgerpuls-Signature: sha256=HMAC); unset: webhooks are off.
  WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // The local hour (site time zone) digests go out: daily ones about yesterday, weekly on Monday.
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  // Jobs this server works on at once (digests, alerts, retention); 0: this server takes none.
  JOB_CONCURRENCY: z.coerce.number().int().min(0).max(32).default(2),
});

/** The environment variables read; README's configuration table lists each (a test checks). */
export const configVariables = Object.keys(envSchema.shape);

/** Express's `trust proxy`: false, a hop count, or the addresses of the proxies. */
export type TrustProxy = false | number | string[];

const namedRanges = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim().toLowerCase();
  if (text === "false" || text === "0" || text === "") return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const entries = text.split(",").map((entry) => entry.trim());
  return entries.every(isAddressOrRange) ? entries : undefined;
}

export type Config = {
  port: number;
  host: string;
  /** Absent means: run the embedded PostgreSQL whose data lives in dataDir. */
  databaseUrl: string | undefined;
  /** Reads of figures go here while it lags at most maxLagSeconds; absent: all to the primary. */
  readReplica: { url: string; maxLagSeconds: number } | undefined;
  dataDir: string;
  /** Root only: binaries and clusters the postgres user cannot reach in place go here. */
  embeddedRuntimeDir: string;
  logLevel: (typeof logLevels)[number];
  dbPoolSize: number;
  dbTimeouts: DatabaseTimeouts;
  /** Largest sync request body, and most responses in one request. */
  syncLimits: { bodyLimitBytes: number; maxResponses: number };
  /** The file of secret keys response fingerprints are made with (fingerprint-keys.ts). */
  fingerprintKeysFile: string;
  syncAdmission: SyncAdmission;
  retryAfterSeconds: number;
  /** Whose X-Forwarded-For/-Proto to believe (docs/security.md). */
  trustProxy: TrustProxy;
  /** Password hashes computed at once, and how many more may wait; beyond that 503. */
  passwordHashing: PasswordHashingLimits;
  /** Unset: /metrics answers loopback clients only; set: it wants this bearer token. */
  metricsToken: string | undefined;
  http: HttpServerLimits;
  enrolCodeTtlMinutes: number;
  /** Serve HTTPS from these PEM files; absent means plain HTTP. */
  tls: { certFile: string; keyFile: string } | undefined;
  /** With tls: a plain-HTTP port answering only with redirects to HTTPS. */
  httpRedirectPort: number | undefined;
  shutdownGraceMs: number;
  /** Daily backups into dir, keeping the newest keep; absent means none are scheduled. */
  backupSchedule: { dir: string; keep: number; at: { hour: number; minute: number } } | undefined;
  notifications: NotificationConfig;
  /** The SAML SP's certificate and key files; absent: requests unsigned, no decryption. */
  samlSpKeyFiles: { certFile: string; keyFile: string } | undefined;
};

/** Digests, alerts and their channels (sync-server/notify, sync-server/jobs). */
export type NotificationConfig = {
  /** Absent: no mail is sent (the log says so at start). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Links in mails point here; absent: http://localhost:PORT. */
  publicUrl: string | undefined;
  /** Absent: webhooks are not sent. */
  webhookSecret: string | undefined;
  digestHour: number;
  jobConcurrency: number;
};

export type PasswordHashingLimits = { concurrency: number; queue: number };

export type HttpServerLimits = {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
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
  if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) {
    throw new ConfigError(
      "Invalid configuration:\n  TLS_CERT_FILE and TLS_KEY_FILE go together: set both (HTTPS) or neither (HTTP).",
    );
  }
  if ((e.SAML_SP_CERT_FILE === undefined) !== (e.SAML_SP_KEY_FILE === undefined)) {
    throw new ConfigError(
      "Invalid configuration:\n  SAML_SP_CERT_FILE and SAML_SP_KEY_FILE go together: set both or neither.",
    );
  }
  if (e.HTTP_REDIRECT_PORT !== undefined && e.TLS_CERT_FILE === undefined) {
    throw new ConfigError(
      "Invalid configuration:\n  HTTP_REDIRECT_PORT redirects to HTTPS: it needs TLS_CERT_FILE and TLS_KEY_FILE.",
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readReplica:
      e.READ_DATABASE_URL === undefined
        ? undefined
        : { url: e.READ_DATABASE_URL, maxLagSeconds: e.READ_REPLICA_MAX_LAG_SECONDS },
    dataDir,
    embeddedRuntimeDir: path.resolve(e.EMBEDDED_PG_RUNTIME_DIR),
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.DB_POOL_SIZE,
    dbTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.DB_LOCK_TIMEOUT_MS,
    },
    syncLimits: { bodyLimitBytes: e.SYNC_BODY_LIMIT_BYTES, maxResponses: e.SYNC_MAX_RESPONSES },
    fingerprintKeysFile: path.resolve(
      e.FINGERPRINT_KEYS_FILE ?? path.join(dataDir, "fingerprint-keys"),
    ),
    syncAdmission: {
      maxInFlight: e.SYNC_MAX_IN_FLIGHT,
      busyRetryAfterSeconds: e.SYNC_BUSY_RETRY_AFTER_SECONDS,
    },
    retryAfterSeconds: e.RETRY_AFTER_SECONDS,
    trustProxy: e.TRUST_PROXY,
    passwordHashing: { concurrency: e.PASSWORD_HASH_CONCURRENCY, queue: e.PASSWORD_HASH_QUEUE },
    metricsToken: e.METRICS_TOKEN,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    enrolCodeTtlMinutes: e.ENROL_CODE_TTL_MINUTES,
    tls:
      e.TLS_CERT_FILE !== undefined && e.TLS_KEY_FILE !== undefined
        ? { certFile: path.resolve(e.TLS_CERT_FILE), keyFile: path.resolve(e.TLS_KEY_FILE) }
        : undefined,
    httpRedirectPort: e.HTTP_REDIRECT_PORT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    backupSchedule:
      e.BACKUP_DIR === undefined
        ? undefined
        : {
            dir: path.resolve(e.BACKUP_DIR),
            keep: e.BACKUP_KEEP,
            at: { hour: Number(e.BACKUP_AT.slice(0, 2)), minute: Number(e.BACKUP_AT.slice(3, 5)) },
          },
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
      webhookSecret: e.WEBHOOK_SECRET,
      digestHour: e.DIGEST_HOUR,
      jobConcurrency: e.JOB_CONCURRENCY,
    },
    samlSpKeyFiles:
      e.SAML_SP_CERT_FILE !== undefined && e.SAML_SP_KEY_FILE !== undefined
        ? { certFile: path.resolve(e.SAML_SP_CERT_FILE), keyFile: path.resolve(e.SAML_SP_KEY_FILE) }
        : undefined,
  };
}
