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
