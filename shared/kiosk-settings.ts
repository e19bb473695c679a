import { isLocale, type Locale, locales } from "./locales.ts";
import { type OpeningHours, openingHoursProblems } from "./opening-hours.ts";

/**
 * A site's central kiosk settings: what admins set (dashboard, `npm run admin -- site settings`)
 * and what kiosks receive in the sync reply (docs/api.md). Hand-written checks rather than zod:
 * the kiosk runs them too, and they must not pull a schema library into its first load.
 *
 * A site stores only the values an admin chose; the rest are these defaults. The kiosk's own
 * defaults (kiosk/app/config.ts) are derived from this table, so the two cannot drift.
 */
export type KioskSettings = {
  /** No touch for this long mid-interview: ask "Er du der stadig?". */
  idleMs: number;
  /** How long that prompt waits; WCAG 2.2.1 asks for at least 20 s. */
  promptMs: number;
  /** The thank-you screen returns to start after this long. */
  thanksMs: number;
  /** Pointer input this soon after a screen appears is ignored (a double tap's second half). */
  settleMs: number;
  /** The languages the start screen offers; Danish is always first and always offered. */
  languages: Locale[];
  /** Outside the site's opening hours, show a closed screen and start no interviews. */
  sleepOutsideHours: boolean;
};

/** A site's central kiosk settings as the admin pages and the CLI read them. */
export type SiteKioskSettings = {
  siteId: string;
  version: number;
  /** The values an admin chose; the others are the defaults. */
  chosen: Partial<KioskSettings>;
  effective: KioskSettings;
};

export type KioskTiming = "idleMs" | "promptMs" | "thanksMs" | "settleMs";

export const kioskSettingDefaults: Readonly<KioskSettings> = {
  idleMs: 45_000,
  promptMs: 20_000,
  thanksMs: 6_000,
  settleMs: 400,
  languages: [...locales],
  sleepOutsideHours: false,
};

/** Inclusive bounds per timing, in ms: outside them a kiosk would be unusable or unfair. */
export const kioskTimingBounds: Readonly<Record<KioskTiming, readonly [number, number]>> = {
  idleMs: [10_000, 10 * 60_000],
  promptMs: [20_000, 5 * 60_000],
  thanksMs: [2_000, 60_000],
  settleMs: [0, 2_000],
};

export const kioskTimings = Object.keys(kioskTimingBounds) as KioskTiming[];
const settingKeys = new Set<string>([...kioskTimings, "languages", "sleepOutsideHours"]);

export function isSettingKey(key: string): key is keyof KioskSettings {
  return settingKeys.has(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What is wrong with a (partial) settings object as an admin sends it, in words; empty when it
 * may be stored. Unknown keys are refused here: an admin's typo must not pass silently.
 */
export function kioskSettingsProblems(value: unknown): string[] {
  if (!isRecord(value)) return ["settings must be an object"];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!settingKeys.has(key)) problems.push(`${key}: not a kiosk setting`);
  }
  for (const key of kioskTimings) {
    if (!Object.hasOwn(value, key)) continue;
    const ms = value[key];
    const [min, max] = kioskTimingBounds[key];
    if (typeof ms !== "number" || !Number.isInteger(ms) || ms < min || ms > max)
      problems.push(`${key}: a whole number of ms from ${min} to ${max}`);
  }
  if (Object.hasOwn(value, "languages")) {
    const list = value.languages;
    if (
      !Array.isArray(list) ||
      !list.every((code) => typeof code === "string" && isLocale(code)) ||
      new Set(list).size !== list.length ||
      list[0] !== "da"
    )
      problems.push(`languages: distinct codes of ${locales.join(", ")}, starting with "da"`);
  }
  if (Object.hasOwn(value, "sleepOutsideHours") && typeof value.sleepOutsideHours !== "boolean")
    problems.push("sleepOutsideHours: true or false");
  return problems;
}

/** The settings an admin chose, checked; throws nothing, returns undefined when not valid. */
export function readChosenSettings(value: unknown): Partial<KioskSettings> | undefined {
  if (kioskSettingsProblems(value).length > 0 || !isRecord(value)) return undefined;
  const chosen: Partial<KioskSettings> = {};
  for (const key of kioskTimings) {
    const ms = value[key];
    if (typeof ms === "number") chosen[key] = ms;
  }
  if (Array.isArray(value.languages))
    chosen.languages = value.languages.filter((code): code is Locale => isLocale(String(code)));
  if (typeof value.sleepOutsideHours === "boolean")
    chosen.sleepOutsideHours = value.sleepOutsideHours;
  return chosen;
}

/** Chosen values over the defaults. */
export function effectiveSettings(chosen: Partial<KioskSettings>): KioskSettings {
  return { ...kioskSettingDefaults, ...chosen, languages: [...(chosen.languages ?? locales)] };
}

/**
 * `settings` in the sync reply: the site's chosen values, and the site facts the sleep screen
 * needs. `version` grows with every change (the database bumps it), so a kiosk can tell new
 * settings from the ones it has.
 */
export type SyncedSettings = {
  version: number;
  values: Partial<KioskSettings>;
  timezone: string;
  openingHours: OpeningHours;
};

/**
 * The reply's settings as a kiosk reads them, or undefined when they are not valid: then the
 * kiosk keeps the settings it has (and the rest of the reply still counts). Keys a newer server
 * adds are dropped rather than refused, so an older kiosk keeps working.
 */
export function readSyncedSettings(raw: unknown): SyncedSettings | undefined {
  if (!isRecord(raw)) return undefined;
  const { version, values, timezone, openingHours } = raw;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1)
    return undefined;
  if (typeof timezone !== "string" || timezone === "") return undefined;
  if (openingHoursProblems(openingHours).length > 0) return undefined;
  if (!isRecord(values)) return undefined;
  const known = Object.fromEntries(Object.entries(values).filter(([key]) => settingKeys.has(key)));
  const chosen = readChosenSettings(known);
  if (!chosen) return undefined;
  return { version, values: chosen, timezone, openingHours: openingHours as OpeningHours };
}
