import { zoneFormats } from "./zone-format.ts";

/** A site's weekly opening hours in its own time zone: {"mon": [["10:00","15:00"]], …, "sun": []}. */
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];
export type OpeningHours = Record<Weekday, [string, string][]>;

export const defaultOpeningHours: OpeningHours = {
  mon: [["10:00", "15:00"]],
  tue: [["10:00", "15:00"]],
  wed: [["10:00", "15:00"]],
  thu: [["10:00", "17:30"]],
  fri: [["10:00", "13:00"]],
  sat: [],
  sun: [],
};

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export function minutesOfDay(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Problems with an opening-hours object, in words; empty when it is valid. */
export function openingHoursProblems(value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return ["opening hours must be an object"];
  const problems: string[] = [];
  // Own keys only: {"__proto__": …} or {"constructor": …} are unknown days, not look-ups.
  const known: readonly string[] = weekdays;
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`${key.slice(0, 20)}: not a day (mon … sun)`);
  }
  for (const day of weekdays) {
    const intervals = Object.hasOwn(value, day)
      ? (value as Record<string, unknown>)[day]
      : undefined;
    if (!Array.isArray(intervals)) {
      problems.push(`${day}: a list of [opens, closes] pairs is required`);
      continue;
    }
    for (const interval of intervals) {
      const [opens, closes] = Array.isArray(interval) ? interval : [];
      if (
        typeof opens !== "string" ||
        typeof closes !== "string" ||
        !timePattern.test(opens) ||
        !timePattern.test(closes)
      ) {
        problems.push(`${day}: times must look like "10:00"`);
      } else if (minutesOfDay(opens) >= minutesOfDay(closes)) {
        problems.push(`${day}: ${opens} must be before ${closes}`);
      }
    }
  }
  return problems;
}

/** Monday-first weekday of a local date "YYYY-MM-DD". */
export function weekdayOf(localDate: string): Weekday {
  const day = new Date(`${localDate}T12:00:00Z`).getUTCDay();
  return weekdays[(day + 6) % 7] as Weekday;
}

// The alert check reads the clock thousands of times per kiosk: one formatter per zone is kept
// (zone-format.ts).
const clockFormat = zoneFormats("en-GB", {
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The weekday and minute of the day at `at` on the wall clocks of `timeZone`. */
export function localClock(at: Date, timeZone: string): { day: Weekday; minutes: number } {
  const parts = clockFormat(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const index = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(part("weekday"));
  return {
    day: weekdays[Math.max(0, index)] as Weekday,
    minutes: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

/** Whether the site is open at `at`: opens inclusive, closes exclusive. */
export function isOpenAt(hours: OpeningHours, timeZone: string, at: Date): boolean {
  const { day, minutes } = localClock(at, timeZone);
  return hours[day].some(
    ([opens, closes]) => minutesOfDay(opens) <= minutes && minutes < minutesOfDay(closes),
  );
}

/** When the site next opens after `at` (within a week), or undefined when it never does. */
export function nextOpening(
  hours: OpeningHours,
  timeZone: string,
  at: Date,
): { day: Weekday; time: string; daysAhead: number } | undefined {
  const { day, minutes } = localClock(at, timeZone);
  const today = weekdays.indexOf(day);
  for (let ahead = 0; ahead <= 7; ahead += 1) {
    const weekday = weekdays[(today + ahead) % 7] as Weekday;
    const opens = hours[weekday]
      .map(([start]) => start)
      .filter((start) => ahead > 0 || minutesOfDay(start) > minutes)
      .sort((a, b) => minutesOfDay(a) - minutesOfDay(b))[0];
    if (opens) return { day: weekday, time: opens, daysAhead: ahead };
  }
  return undefined;
}
