import type { KioskDatabase } from "../store/db.ts";
import type { SyncHandle } from "./index.ts";

/**
 * The sync engine, loaded after the start screen is up rather than with it: the engine, its
 * client and the sync reply's checks are not needed to show the start screen or take an
 * interview (answers wait in IndexedDB), so their bytes stay off the first load. The handle
 * exists at once; a sync asked for before the engine is there runs when it arrives (the engine
 * also syncs as soon as it starts). Offline, the chunk comes from the service worker's precache.
 */
export function startSyncSoon(
  db: KioskDatabase,
  onSettings: () => void,
  afterMs: number,
): SyncHandle {
  let engine: SyncHandle | undefined;
  let stopped = false;
  const timer = setTimeout(() => {
    import("./index.ts").then(
      ({ startSync }) => {
        if (!stopped) engine = startSync(db, onSettings);
      },
      (error: unknown) => console.error("kiosk: could not load the sync engine", error),
    );
  }, afterMs);
  return {
    requestSync() {
      engine?.requestSync();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      engine?.stop();
    },
  };
}
