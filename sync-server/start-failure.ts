/**
 * Issue 15: a newcomer's first `npm start` that cannot work must stop with one sentence saying
 * what to do. The fix comes first (the line people read; written to follow "Borgerpuls could not
 * start: "), the detail after it; the stack trace
 * is in the log at debug and PostgreSQL's own output at trace, so the hint names trace.
 */
export class StartFailure extends Error {
  constructor(
    readonly fix: string,
    readonly detail: string,
  ) {
    super(`${fix}\n${detail}`);
    this.name = "StartFailure";
  }
}

/** The level that shows everything behind a failed start (PostgreSQL logs at trace). */
export const detailLogLevel = "trace";

/** The postgres user (PostgreSQL runs as it when we are root) cannot reach what it needs. */
export function unreachableByPostgres(what: string, target: string, cause?: unknown): StartFailure {
  return new StartFailure(
    "set EMBEDDED_PG_RUNTIME_DIR to a folder the postgres user can enter (it and every parent " +
      "need o+x, like /var/lib/borgerpuls), or start Borgerpuls as an ordinary user.",
    `Detail: the postgres user cannot reach ${what} in ${target}` +
      `${cause ? ` (${cause instanceof Error ? cause.message : String(cause)})` : ""}; ` +
      `LOG_LEVEL=${detailLogLevel} shows the rest.`,
  );
}

/** The cluster is there and reachable, yet PostgreSQL would not start: its log says why. */
export function clusterDidNotStart(clusterDir: string, cause: unknown): StartFailure {
  return new StartFailure(
    `run \`LOG_LEVEL=${detailLogLevel} npm start\` to read PostgreSQL's own log of why it ` +
      "did not start.",
    `Detail: the embedded PostgreSQL in ${clusterDir} did not start` +
      `${cause ? `: ${cause instanceof Error ? cause.message : String(cause)}` : ""}.`,
  );
}

/** What `npm start` prints to stderr: the fix first (one line, one sentence), then the detail. */
export function startFailureText(error: unknown): string {
  if (error instanceof StartFailure)
    return `Borgerpuls could not start: ${error.fix}\n${error.detail}\n`;
  return `Borgerpuls could not start: ${error instanceof Error ? error.message : String(error)}\n`;
}
