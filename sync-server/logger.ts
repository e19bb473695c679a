import { type Logger, pino } from "pino";

export type { Logger };

/** Structured JSON logs on stderr, so stdout stays free for CLI output (`--json`). */
export function createLogger(level: string, name = "borgerpuls"): Logger {
  return pino({ name, level }, pino.destination(2));
}
