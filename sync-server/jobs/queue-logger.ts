import { Logger as WorkerLogger } from "graphile-worker";
import type { Logger } from "../logger.ts";

/** graphile-worker's log lines into our pino log ("warning" is pino's "warn"). */
export function queueLogger(logger: Logger): WorkerLogger {
  const child = logger.child({ component: "jobs" });
  return new WorkerLogger(() => (level, message, meta) => {
    const method = level === "error" ? "error" : level === "warning" ? "warn" : "debug";
    child[method](meta ?? {}, message);
  });
}
