import { Workbox } from "workbox-window";

/**
 * The service worker, registered by hand (vite-plugin-pwa's injectRegister is off) so that a new
 * version never takes over mid-interview: it installs and waits, and the app calls `apply()` only
 * from the start screen with no interview in progress. The worker then activates, claims this
 * page, and we reload into the new version.
 */
export type Pwa = {
  /** True once a new version has installed and is waiting. */
  updateWaiting(): boolean;
  subscribe(listener: () => void): () => void;
  /** Ask the server for a newer sw.js (the kiosk never navigates, so the browser would not). */
  checkForUpdate(): void;
  /** Activate the waiting version and reload into it. Call only when no interview is running. */
  apply(): void;
};

const noPwa: Pwa = {
  updateWaiting: () => false,
  subscribe: () => () => {},
  checkForUpdate() {},
  apply() {},
};

export function registerPwa(scriptUrl: string): Pwa {
  if (!("serviceWorker" in navigator)) return noPwa;
  const wb = new Workbox(scriptUrl);
  const listeners = new Set<() => void>();
  let waiting = false;
  let applying = false;
  const notify = () => {
    for (const listener of listeners) listener();
  };

  wb.addEventListener("waiting", () => {
    waiting = true;
    notify();
  });
  // Fires when the waiting worker we told to skip waiting takes control of this page.
  // Only our own apply() reloads: a reload mid-interview would cut a citizen off.
  wb.addEventListener("controlling", () => {
    if (applying) window.location.reload();
  });
  wb.register().catch(() => {
    // No service worker (e.g. plain http on the LAN): the kiosk still works while online.
  });

  return {
    updateWaiting: () => waiting,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    checkForUpdate() {
      wb.update().catch(() => {
        // Offline: try again at the next check.
      });
    },
    apply() {
      if (!waiting || applying) return;
      applying = true;
      wb.messageSkipWaiting();
    },
  };
}
