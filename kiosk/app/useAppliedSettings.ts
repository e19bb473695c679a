import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { AppliedSettings, SettingsSource } from "../services/kiosk-settings.ts";

/**
 * The settings the kiosk runs with. New central settings arrive at any time (a sync); they
 * take effect only when `atStart` (the start screen, no interview), never mid-interview.
 */
export function useAppliedSettings(source: SettingsSource, atStart: boolean): AppliedSettings {
  const latest = useSyncExternalStore(source.subscribe, source.current);
  const [applied, setApplied] = useState(latest);
  const apply = useCallback(() => setApplied(latest), [latest]);
  useEffect(() => {
    if (atStart) apply();
  }, [atStart, apply]);
  return applied;
}
