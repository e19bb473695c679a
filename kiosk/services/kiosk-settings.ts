import type { KioskSettings, SyncedSettings } from "../../shared/kiosk-settings.ts";
import { kioskSettingDefaults, kioskTimings } from "../../shared/kiosk-settings.ts";
import type { SyncedLocalQuestion } from "../../shared/local-questions.ts";
import type { Locale } from "../../shared/locales.ts";
import type { OpeningHours } from "../../shared/opening-hours.ts";
import { defaultConfig, type KioskConfig } from "../app/config.ts";
import type { KioskDatabase } from "../store/db.ts";
import { getMeta } from "../store/meta.ts";

/**
 * The settings the kiosk runs with: its defaults, then the site's central settings (kept from
 * the last sync reply in IndexedDB), then the localStorage override (tests, a technician).
 * No React here; the app decides when to apply a new set (only at the start screen).
 */
export type AppliedSettings = {
  config: KioskConfig;
  languages: readonly Locale[];
  /** Set when the site turned the opening-hours sleep screen on. */
  sleep: { timezone: string; openingHours: OpeningHours } | undefined;
  /** The central settings' version, or undefined before any arrived. */
  version: number | undefined;
  /** The site's local questions, asked after the core ones (shared/local-questions.ts). */
  localQuestions: readonly SyncedLocalQuestion[];
};

export function applySettings(
  synced: SyncedSettings | undefined,
  overrides: Partial<KioskConfig>,
  localQuestions: readonly SyncedLocalQuestion[] = [],
): AppliedSettings {
  const central: Partial<KioskSettings> = synced?.values ?? {};
  const config: KioskConfig = { ...defaultConfig };
  for (const key of kioskTimings) {
    const value = central[key];
    if (value !== undefined) config[key] = value;
  }
  const sleepOn = central.sleepOutsideHours ?? kioskSettingDefaults.sleepOutsideHours;
  return {
    config: { ...config, ...overrides },
    languages: central.languages ?? kioskSettingDefaults.languages,
    sleep:
      synced && sleepOn
        ? { timezone: synced.timezone, openingHours: synced.openingHours }
        : undefined,
    version: synced?.version,
    localQuestions,
  };
}

export type SettingsSource = {
  current(): AppliedSettings;
  subscribe(listener: () => void): () => void;
  /** Reads the kept central settings again (after a sync brought new ones). */
  refresh(): Promise<void>;
};

export function createSettingsSource(
  db: KioskDatabase,
  overrides: Partial<KioskConfig>,
): SettingsSource {
  let current = applySettings(undefined, overrides);
  const listeners = new Set<() => void>();
  return {
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async refresh() {
      const synced = await getMeta(db, "kioskSettings");
      current = applySettings(synced, overrides, (await getMeta(db, "localQuestions")) ?? []);
      for (const listener of listeners) listener();
    },
  };
}
