/**
 * ISO 8601 date-times with a UTC offset, as the kiosk writes them (2026-11-23T10:15:02.120+01:00):
 * checked and read in one pass. Sync reads two per response, so this avoids Date.parse, regex
 * group arrays and temporary Dates; the instant is what the server stores, the offset is kept
 * beside it as sent.
 */
export type IsoInstant = {
  /** Milliseconds since 1970 UTC; digits after the milliseconds are dropped (as Date.parse does). */
  epochMs: number;
  /** The offset written in the text, in minutes east of UTC ("Z" is 0). */
  offsetMinutes: number;
};

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Largest offset a clock can show (±18:00, the ISO 8601 and PostgreSQL column limit). */
const maxOffsetMinutes = 18 * 60;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The instant and offset of `value`, or undefined when it is not a real one of that form. */
export function parseIsoInstant(value: string): IsoInstant | undefined {
  const match = isoPattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, "0"));
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetPart = match[10] === undefined ? 0 : Number(match[10]);
  const offsetMinutes = (match[8] === "-" ? -1 : 1) * (offsetHours * 60 + offsetPart);
  if (
    // PostgreSQL cannot store year 0, and no tablet clock goes back before 1970.
    year < 1970 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetPart > 59 ||
    Math.abs(offsetMinutes) > maxOffsetMinutes
  )
    return undefined;
  const epochMs =
    Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { epochMs, offsetMinutes: offsetMinutes === 0 ? 0 : offsetMinutes };
}

/** ISO 8601 date-time with seconds optional and a UTC offset (Z or ±hh:mm) that is real. */
export function isIsoWithOffset(value: string): boolean {
  return parseIsoInstant(value) !== undefined;
}
