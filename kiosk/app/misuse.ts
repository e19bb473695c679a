import type { ResponseFlag } from "../../shared/response.ts";
import type { KioskConfig } from "./config.ts";

/**
 * The misuse rules. A suspect response is kept and sent like any other; reports leave it out by
 * default. Both rules are deliberately generous: a real citizen must never be flagged.
 */

/** A burst: `burstStarts` earlier starts all fell within the window before this one. */
export function isBurst(
  earlierStartsMs: readonly number[],
  nowMs: number,
  config: Pick<KioskConfig, "burstStarts" | "burstWindowMs">,
): boolean {
  if (config.burstStarts <= 0) return false;
  const recent = earlierStartsMs.filter((at) => nowMs - at <= config.burstWindowMs && at <= nowMs);
  return recent.length >= config.burstStarts;
}

/** Finished faster than a person can read the questions they answered. */
export function isTooFast(
  startedMs: number,
  finishedMs: number,
  answered: number,
  config: Pick<KioskConfig, "minMsPerAnswer">,
): boolean {
  if (answered === 0) return false;
  return finishedMs - startedMs < config.minMsPerAnswer * answered;
}

export function addFlag(flags: readonly ResponseFlag[], flag: ResponseFlag): ResponseFlag[] {
  return flags.includes(flag) ? [...flags] : [...flags, flag];
}
