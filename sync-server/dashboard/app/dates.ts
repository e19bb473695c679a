/** Calendar-date arithmetic on YYYY-MM-DD strings (pure; unit-tested). */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's local date in a time zone (the sites' zone, not the browser's). */
export function todayIn(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: timezone }).format(now);
}

/** The last `days` days up to and including `today`. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}
