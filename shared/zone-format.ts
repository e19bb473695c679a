/**
 * Intl.DateTimeFormat objects for reading wall clocks in IANA zones, kept once made: building
 * one costs ~0.5–1 ms (more on a slow iPad), and the cron matchers, the kiosk's opening-hours
 * check and every interview's timestamps read a clock far more often than zones change. No
 * imports: the kiosk loads this on first paint.
 */

export type ZoneFormatOptions = Omit<Intl.DateTimeFormatOptions, "timeZone">;

/**
 * A getter of formatters with this locale and these options, one per zone. Call it once, at
 * module level: the cache belongs to the locale and options, so the zone alone is its key and
 * no key is built from untrusted text. A Map, not an object: zone names are data, and a name
 * like "__proto__" must reach Intl (and its RangeError), not Object.prototype. A zone Intl
 * rejects throws on every call and is never stored.
 */
export function zoneFormats(
  locale: string,
  options: ZoneFormatOptions,
): (timeZone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = byZone.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      byZone.set(timeZone, format);
    }
    return format;
  };
}

/**
 * The wall clock to the second, in parts read by type: year, month and day ("2-digit" but the
 * year), hour 00–23, minute, second. Local dates, minutes of the day and UTC offsets all read it,
 * so they share one formatter per zone (en-US for its Latin digits; the parts' order is unread).
 */
export const wallClock = zoneFormats("en-US", {
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

// Read on first use, not at import (first paint), then kept: a kiosk does not change zones
// while a page is open, and the tap path asks at every interview's end.
let device: string | undefined;

/** The device's own IANA zone ("UTC" where the platform reports none). */
export function deviceTimeZone(): string {
  device ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  return device;
}
