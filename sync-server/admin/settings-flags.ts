import { AppError } from "../../shared/errors.ts";
import type { KioskTiming } from "../../shared/kiosk-settings.ts";
import { isLocale, locales } from "../../shared/questionnaire-i18n.ts";
import type { SettingsChange } from "./site-settings.ts";

/** `site settings` flags → a settings change. "default" puts one setting back to its default. */
export type SettingsFlags = {
  "idle-seconds"?: string;
  "prompt-seconds"?: string;
  "thanks-seconds"?: string;
  "settle-ms"?: string;
  languages?: string;
  sleep?: string;
};

const timingFlags: [keyof SettingsFlags, KioskTiming, number][] = [
  ["idle-seconds", "idleMs", 1000],
  ["prompt-seconds", "promptMs", 1000],
  ["thanks-seconds", "thanksMs", 1000],
  ["settle-ms", "settleMs", 1],
];

export const settingsFlagNames: (keyof SettingsFlags)[] = [
  ...timingFlags.map(([flag]) => flag),
  "languages",
  "sleep",
];

function number(flag: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value))
    throw new AppError("invalid_kiosk_settings", `--${flag} must be a number or "default".`);
  return value;
}

export function changeFromFlags(flags: SettingsFlags): SettingsChange {
  const change: SettingsChange = {};
  for (const [flag, key, unitMs] of timingFlags) {
    const text = flags[flag];
    if (text === undefined) continue;
    change[key] = text === "default" ? null : Math.round(number(flag, text) * unitMs);
  }
  if (flags.languages === "default") change.languages = null;
  else if (flags.languages !== undefined) {
    const codes = flags.languages.split(",").map((code) => code.trim());
    const unknown = codes.filter((code) => !isLocale(code));
    if (unknown.length)
      throw new AppError(
        "invalid_kiosk_settings",
        `--languages: ${unknown.join(", ")} is not one of ${locales.join(", ")}.`,
      );
    change.languages = codes.filter(isLocale);
  }
  if (flags.sleep !== undefined) {
    if (!["on", "off", "default"].includes(flags.sleep))
      throw new AppError("invalid_kiosk_settings", '--sleep must be "on", "off" or "default".');
    change.sleepOutsideHours = flags.sleep === "default" ? null : flags.sleep === "on";
  }
  return change;
}
