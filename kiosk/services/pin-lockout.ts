import type { PinAttempts } from "../store/meta.ts";

/**
 * Guessing the staff PIN: five tries are free (a typo, a shaky hand); from the fifth wrong one
 * on, each wrong try locks entry for twice as long as the last, from 30 s up to 15 minutes. The
 * count is kept in IndexedDB, so a reload does not reset it; a right PIN does.
 */
export const freeAttempts = 5;
const firstLockMs = 30_000;
const maxLockMs = 15 * 60_000;

export function lockoutMs(failures: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(maxLockMs, firstLockMs * 2 ** (failures - freeAttempts));
}

export const noAttempts: PinAttempts = { failures: 0, lockedUntil: 0 };

export function afterWrong(attempts: PinAttempts, now: number): PinAttempts {
  const failures = attempts.failures + 1;
  const lock = lockoutMs(failures);
  return { failures, lockedUntil: lock > 0 ? now + lock : 0 };
}
