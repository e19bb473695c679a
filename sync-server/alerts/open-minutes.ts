import { isOpenAt, type OpeningHours } from "../../shared/opening-hours.ts";

/** Five-minute steps: an "N hours" alert does not need the minute, and each step is a clock read. */
const stepMinutes = 5;
const stepMs = stepMinutes * 60_000;
/** Beyond two weeks of silence the count no longer matters: it is long past any N. */
const lookBackMs = 14 * 24 * 60 * 60 * 1000;

/**
 * Minutes between `from` and `to` during which the site was open, counted in five-minute steps
 * on its own wall clock (so daylight-saving days are right), stopping once `enough` is reached.
 */
export function openMinutesBetween(
  from: Date,
  to: Date,
  hours: OpeningHours,
  timeZone: string,
  enough: number,
): number {
  const start = Math.max(from.getTime(), to.getTime() - lookBackMs);
  let minutes = 0;
  for (let at = start; at < to.getTime() && minutes < enough; at += stepMs) {
    if (isOpenAt(hours, timeZone, new Date(at))) minutes += stepMinutes;
  }
  return minutes;
}
