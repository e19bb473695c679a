import type { ErrorCode } from "../../shared/errors.ts";

/** Codes that say "the database cannot take writes" rather than "this request was wrong". */
const writeFailureCodes: ReadonlySet<ErrorCode> = new Set(["database_full", "database_read_only"]);

/**
 * What the last real writes met. The readiness probe's own write can succeed on a full disk
 * (an update fits in its page), so a write refused for lack of room in the last minute, with
 * none succeeding since, keeps /readyz at 503 until one does.
 */
export function createWriteHealth(now: () => number = Date.now, memoryMs = 60_000) {
  let failure: { code: ErrorCode; at: number } | undefined;
  return {
    observe(code: ErrorCode): void {
      if (writeFailureCodes.has(code)) failure = { code, at: now() };
    },
    succeeded(): void {
      failure = undefined;
    },
    /** The code of a write failure that still stands, if any. */
    failing(): ErrorCode | undefined {
      if (failure && now() - failure.at > memoryMs) failure = undefined;
      return failure?.code;
    },
  };
}

export type WriteHealth = ReturnType<typeof createWriteHealth>;
