import type { DigestFrequency } from "../queries/digest-subscriptions.ts";
import { addDays, localClock } from "../reports/local-time.ts";

/** The local dates a digest is about, and the key that makes it once per user and period. */
export type DigestPeriod = { frequency: DigestFrequency; from: string; to: string };

/** Monday of the ISO week of a local date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** A daily digest is about one date; a weekly one about the Monday–Sunday week holding it. */
export function periodOf(frequency: DigestFrequency, date: string): DigestPeriod {
  if (frequency === "daily") return { frequency, from: date, to: date };
  const from = mondayOf(date);
  return { frequency, from, to: addDays(from, 6) };
}

/**
 * The period due at `now` in a zone: yesterday (daily), or last week on Mondays (weekly);
 * undefined when a weekly digest is not due today or the local hour is before `hour`.
 */
export function duePeriod(
  frequency: DigestFrequency,
  now: Date,
  timeZone: string,
  hour: number,
): DigestPeriod | undefined {
  const clock = localClock(now, timeZone);
  if (clock.minute < hour * 60) return undefined;
  if (frequency === "weekly" && mondayOf(clock.date) !== clock.date) return undefined;
  return periodOf(frequency, addDays(clock.date, -1));
}

export function digestKey(userId: string, period: DigestPeriod): string {
  return `digest:${userId}:${period.frequency}:${period.from}`;
}
