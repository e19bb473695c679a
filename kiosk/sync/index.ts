import type { KioskDatabase } from "../store/db.ts";
import { createSyncEngine } from "./engine.ts";
import { defaultLock } from "./lock.ts";

/**
 * The kiosk's one entry to the sync engine. The app calls startSync once at boot and
 * requestSync after each finished interview; the engine also syncs on the `online` event and
 * on its own timer (backing off while the server cannot be reached). No Background Sync: Safari
 * has none, so the kiosk page itself does the work while it is open.
 */
export type SyncHandle = {
  /** Ask for a drain soon (after an interview, on "sync now"); never runs two at once. */
  requestSync(): void;
  stop(): void;
};

export function startSync(db: KioskDatabase, onSettings?: () => void): SyncHandle {
  const engine = createSyncEngine({
    db,
    fetch: globalThis.fetch.bind(globalThis),
    lock: defaultLock(db, Date.now),
    appVersion: typeof __KIOSK_VERSION__ === "string" ? __KIOSK_VERSION__ : "dev",
    events: typeof window === "undefined" ? undefined : window,
    onSettings,
  });
  engine.requestSync();
  return { requestSync: engine.requestSync, stop: engine.stop };
}
