import { AppError, type ErrorCode } from "../shared/errors.ts";

/**
 * The one place that maps PostgreSQL (and node-postgres) failures onto the error catalogue.
 * Each of these is temporary and says nothing about the request, so it becomes a 503 the
 * client retries after Retry-After; anything not listed stays an internal error (a bug).
 */
const bySqlState: readonly [RegExp, ErrorCode][] = [
  // 08: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now.
  [/^08/, "database_unavailable"],
  [/^57P0[1-3]$/, "database_unavailable"],
  // 53100 disk_full, 53200 out_of_memory, 53300 too_many_connections, 53400 config limit.
  [/^53100$/, "database_full"],
  [/^53/, "database_unavailable"],
  // 25006 read_only_sql_transaction (a standby, or default_transaction_read_only).
  [/^25006$/, "database_read_only"],
  // 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout).
  [/^57014$/, "database_timeout"],
  [/^55P03$/, "database_timeout"],
  // 58030 io_error: e.g. the file system went read-only underneath PostgreSQL.
  [/^58030$/, "database_unavailable"],
];

/** node-postgres's own messages when it has no server to talk to (they carry no SQLSTATE). */
const byDriverMessage: readonly [RegExp, ErrorCode][] = [
  [/timeout exceeded when trying to connect/i, "database_timeout"],
  [
    /Connection terminated|Client has encountered a connection error|not queryable/i,
    "database_unavailable",
  ],
];

const socketCodes = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/;

export function databaseErrorCode(error: unknown): ErrorCode | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const code = "code" in error ? error.code : undefined;
  const message = "message" in error ? error.message : undefined;
  if (typeof code === "string") {
    if (socketCodes.test(code)) return "database_unavailable";
    for (const [pattern, mapped] of bySqlState) if (pattern.test(code)) return mapped;
  }
  if (typeof message === "string") {
    for (const [pattern, mapped] of byDriverMessage) if (pattern.test(message)) return mapped;
  }
  return undefined;
}

/** The catalogue error for a database failure, or undefined when it is not one we know. */
export function fromDatabaseError(error: unknown): AppError | undefined {
  const code = databaseErrorCode(error);
  return code ? new AppError(code) : undefined;
}
