import type { ResponseFlag } from "../../shared/response.ts";
import type { KioskConfig } from "./config.ts";

/**
 * The misuse rules. A suspect response is kept and sent like any other; reports leave it out by
 * default, so a wrong flag silently removes a real citizen's answers: the rules judge each
 * interview by its own pace, and a pace a person can read at is never suspect.
 */

/** At or above this many ms per answered question an interview is a person's, whatever came before. */
export const humanMsPerAnswer = 1_500;

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

export type Pace = { startedMs: number; endedMs: number; answered: number };

/**
 * Suspect when answered faster than anyone reads (minMsPerAnswer, never above the human pace),
 * or, in a burst of starts, faster than the human pace. A burst alone flags nothing: after a
 * child's run of taps, the next citizen answering calmly is counted.
 */
export function isSuspect(
  pace: Pace,
  inBurst: boolean,
  config: Pick<KioskConfig, "minMsPerAnswer">,
): boolean {
  if (pace.answered === 0) return false;
  const msPerAnswer = (pace.endedMs - pace.startedMs) / pace.answered;
  const floor = inBurst ? humanMsPerAnswer : Math.min(config.minMsPerAnswer, humanMsPerAnswer);
  return msPerAnswer < floor;
}

export function addFlag(flags: readonly ResponseFlag[], flag: ResponseFlag): ResponseFlag[] {
  return flags.includes(flag) ? [...flags] : [...flags, flag];
}
