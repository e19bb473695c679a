import type { KioskDatabase } from "../store/db.ts";

/**
 * The kiosk's one entry to the sync engine (issue "Sync" builds the engine behind it).
 * The app calls startSync once at boot and requestSync after each finished interview.
 */
export type SyncHandle = {
  /** Ask for a drain soon (after an interview, on "sync now"); never runs two at once. */
  requestSync(): void;
  stop(): void;
};

export function startSync(_db: KioskDatabase): SyncHandle {
  // Placeholder until the sync engine lands: nothing leaves the device yet.
  return { requestSync() {}, stop() {} };
}
