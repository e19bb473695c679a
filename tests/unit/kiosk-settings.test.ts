import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../kiosk/app/config.ts";
import { applySettings } from "../../kiosk/services/kiosk-settings.ts";
import {
  effectiveSettings,
  kioskSettingDefaults,
  kioskSettingsProblems,
  kioskTimings,
  readSyncedSettings,
} from "../../shared/kiosk-settings.ts";
import {
  defaultOpeningHours,
  isOpenAt,
  nextOpening,
  type OpeningHours,
} from "../../shared/opening-hours.ts";
import { locales } from "../../shared/questionnaire-i18n.ts";

const synced = {
  version: 3,
  values: { idleMs: 60_000, languages: ["da", "en"], sleepOutsideHours: true },
  timezone: "Europe/Copenhagen",
  openingHours: defaultOpeningHours,
};

describe("central kiosk settings (shared contract)", () => {
  it("accepts what an admin may choose and names each problem", () => {
    expect(kioskSettingsProblems({})).toEqual([]);
    expect(kioskSettingsProblems({ promptMs: 20_000, languages: ["da", "ar"] })).toEqual([]);
    expect(
      kioskSettingsProblems({
        promptMs: 15_000,
        idleMs: "60",
        languages: ["en", "da"],
        sleepOutsideHours: "yes",
        colour: "red",
      }),
    ).toEqual([
      "colour: not a kiosk setting",
      "idleMs: a whole number of ms from 10000 to 600000",
      "promptMs: a whole number of ms from 20000 to 300000",
      `languages: distinct codes of ${locales.join(", ")}, starting with "da"`,
      "sleepOutsideHours: true or false",
    ]);
    expect(kioskSettingsProblems({ languages: ["da", "da"] })).toHaveLength(1);
    expect(kioskSettingsProblems(JSON.parse('{"__proto__": {"idleMs": 1}}'))).toEqual([
      "__proto__: not a kiosk setting",
    ]);
    expect(kioskSettingsProblems([])).toEqual(["settings must be an object"]);
  });

  it("the prompt can never be set below WCAG 2.2.1's 20 s", () => {
    expect(kioskSettingsProblems({ promptMs: 19_999 })).toHaveLength(1);
    expect(kioskSettingDefaults.promptMs).toBeGreaterThanOrEqual(20_000);
  });

  it("a kiosk reads the reply's settings, drops keys a newer server adds, refuses broken ones", () => {
    expect(readSyncedSettings(synced)).toEqual(synced);
    expect(
      readSyncedSettings({ ...synced, values: { ...synced.values, futureKnob: 1 }, extra: true }),
    ).toEqual(synced);
    expect(readSyncedSettings({ ...synced, version: 0 })).toBeUndefined();
    expect(readSyncedSettings({ ...synced, values: { idleMs: 5 } })).toBeUndefined();
    expect(readSyncedSettings({ ...synced, openingHours: { mon: [] } })).toBeUndefined();
    expect(readSyncedSettings(undefined)).toBeUndefined();
  });

  it("the kiosk's defaults are the shared ones (one source)", () => {
    for (const key of kioskTimings) expect(defaultConfig[key]).toBe(kioskSettingDefaults[key]);
    expect(effectiveSettings({})).toEqual({ ...kioskSettingDefaults, languages: [...locales] });
  });

  it("applies defaults, then central settings, then the localStorage override", () => {
    const none = applySettings(undefined, {});
    expect(none.config).toEqual(defaultConfig);
    expect(none.languages).toEqual(locales);
    expect(none.sleep).toBeUndefined();
    const central = applySettings(readSyncedSettings(synced), { thanksMs: 100 });
    expect(central.config).toMatchObject({ idleMs: 60_000, thanksMs: 100 });
    expect(central.languages).toEqual(["da", "en"]);
    expect(central.sleep).toEqual({
      timezone: "Europe/Copenhagen",
      openingHours: defaultOpeningHours,
    });
    expect(central.version).toBe(3);
    expect(applySettings(readSyncedSettings(synced), { idleMs: 500 }).config.idleMs).toBe(500);
  });
});

describe("opening hours on the wall clock", () => {
  const hours: OpeningHours = { ...defaultOpeningHours };
  // Thursday 26 Nov 2026: 10:00–17:30 in Copenhagen (UTC+1 in winter).
  it("is open from the opening minute until just before closing, in the site's zone", () => {
    const at = (iso: string) => isOpenAt(hours, "Europe/Copenhagen", new Date(iso));
    expect(at("2026-11-26T08:59:00Z")).toBe(false);
    expect(at("2026-11-26T09:00:00Z")).toBe(true);
    expect(at("2026-11-26T16:29:00Z")).toBe(true);
    expect(at("2026-11-26T16:30:00Z")).toBe(false);
    expect(at("2026-11-28T11:00:00Z")).toBe(false);
    expect(isOpenAt(hours, "UTC", new Date("2026-11-26T17:00:00Z"))).toBe(true);
  });

  it("names the next opening: later today, tomorrow, after the weekend, or never", () => {
    const next = (iso: string) => nextOpening(hours, "Europe/Copenhagen", new Date(iso));
    expect(next("2026-11-26T07:00:00Z")).toEqual({ day: "thu", time: "10:00", daysAhead: 0 });
    expect(next("2026-11-26T17:00:00Z")).toEqual({ day: "fri", time: "10:00", daysAhead: 1 });
    expect(next("2026-11-27T13:00:00Z")).toEqual({ day: "mon", time: "10:00", daysAhead: 3 });
    const never: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(nextOpening(never, "UTC", new Date())).toBeUndefined();
  });
});
