import { kioskSettingDefaults } from "../../shared/kiosk-settings.ts";

/**
 * The kiosk's timings and misuse thresholds. The defaults are the issue's; a tablet (or a test,
 * which cannot wait a minute for the idle prompt) may override any of them with a JSON object in
 * localStorage under `configStorageKey`. Unknown keys and non-numbers are ignored, so a typo can
 * never stop the kiosk. Admins set some of them centrally per site (shared/kiosk-settings.ts,
 * which holds their defaults); the localStorage override beats those too.
 */
export type KioskConfig = {
  /** No touch for this long mid-interview: ask "Er du der stadig?". On the start screen, a
   * language picked but not used goes back to Danish after this long. */
  idleMs: number;
  /** How long that prompt waits before the answers so far are kept as abandoned: at least 20 s
   * by default (WCAG 2.2.1). */
  promptMs: number;
  /** The thank-you screen returns to start after this long. */
  thanksMs: number;
  /** This many earlier starts within burstWindowMs make a new start suspect. */
  burstStarts: number;
  burstWindowMs: number;
  /** An interview faster than this per answered question is suspect (nobody reads that fast).
   * Capped at humanMsPerAnswer (misuse.ts): a human pace is never flagged. */
  minMsPerAnswer: number;
  /** A tap counts only if it began this long after its screen appeared: the second tap of a
   * double tap, or a tap begun on the previous screen, never answers a question unseen. Set
   * centrally per site too (shared/kiosk-settings.ts). */
  settleMs: number;
  /** Hold the staff corner this long to open staff mode. */
  longPressMs: number;
  /** Staff mode left untouched this long closes itself, so the settings are not left open. */
  staffIdleMs: number;
  /** While on the start screen, look for a new app version this often. */
  updateCheckMs: number;
};

export const defaultConfig: KioskConfig = {
  idleMs: kioskSettingDefaults.idleMs,
  promptMs: kioskSettingDefaults.promptMs,
  thanksMs: kioskSettingDefaults.thanksMs,
  settleMs: kioskSettingDefaults.settleMs,
  burstStarts: 3,
  burstWindowMs: 20_000,
  minMsPerAnswer: 1_000,
  longPressMs: 3_000,
  staffIdleMs: 2 * 60_000,
  updateCheckMs: 30 * 60_000,
};

export const configStorageKey = "borgerpuls.kiosk.config";

/** Only the keys the override sets (valid ones): they win over central settings. */
export function parseOverrides(raw: string | null): Partial<KioskConfig> {
  const overrides: Partial<KioskConfig> = {};
  if (!raw) return overrides;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return overrides;
  }
  if (typeof parsed !== "object" || parsed === null) return overrides;
  for (const key of Object.keys(defaultConfig) as (keyof KioskConfig)[]) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) overrides[key] = value;
  }
  return overrides;
}

export function parseConfig(raw: string | null): KioskConfig {
  return { ...defaultConfig, ...parseOverrides(raw) };
}

export function loadOverrides(): Partial<KioskConfig> {
  try {
    return parseOverrides(globalThis.localStorage?.getItem(configStorageKey) ?? null);
  } catch {
    // Storage can be blocked (private mode); the defaults are always safe.
    return {};
  }
}
