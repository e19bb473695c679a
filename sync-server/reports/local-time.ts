import { wallClock } from "../../shared/zone-format.ts";

/** Calendar arithmetic on local dates "YYYY-MM-DD" (no time zone: they are already local). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every date from..to inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/**
 * The local date and minute of the day of an instant in an IANA zone (cron matchers ask every
 * minute: the formatter is kept per zone, shared/zone-format.ts).
 */
export function localClock(at: Date, timeZone: string): { date: string; minute: number } {
  const parts = wallClock(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** ISO 8601 week of a date "YYYY-MM-DD", e.g. "2026-W09" (weeks start on Monday, as in Denmark). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const mondayBased = (day.getUTCDay() + 6) % 7;
  // A week belongs to the year of its Thursday; week 1 is the week with 4 January in it.
  const thursday = new Date(day.getTime() + (3 - mondayBased) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 604_800_000);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export type Grouping = "day" | "week" | "month";

/** The period a date falls in: the date, its ISO week or its month ("2026-03"). */
export function periodOf(date: string, by: Grouping): string {
  if (by === "day") return date;
  return by === "week" ? isoWeek(date) : date.slice(0, 7);
}

/** The same calendar dates a year earlier (29 February becomes 28 February). */
export function yearEarlier(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const candidate = `${String(year).padStart(4, "0")}${date.slice(4)}`;
  const parsed = new Date(`${candidate}T00:00:00Z`);
  return parsed.toISOString().slice(0, 10) === candidate ? candidate : `${candidate.slice(0, 8)}28`;
}
