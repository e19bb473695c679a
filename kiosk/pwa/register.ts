/**
 * The service worker, registered by hand (vite-plugin-pwa's injectRegister is off) so that a new
 * version never takes over mid-interview: it installs and waits, and the app calls `apply()` only
 * from the start screen with no interview in progress. The worker then activates, claims this
 * page, and we reload into the new version.
 *
 * Plain `navigator.serviceWorker`, not workbox-window: the few events we need are a handful of
 * lines, and its 2 KB (brotli) were on the first load.
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
  const container = navigator.serviceWorker;
  const listeners = new Set<() => void>();
  let registration: ServiceWorkerRegistration | undefined;
  let waiting = false;
  let applying = false;
  const notify = () => {
    for (const listener of listeners) listener();
  };

  // A worker that has installed while an older one controls this page is an update, waiting.
  // (The very first install has no controller: it simply activates, with clientsClaim.)
  const noteWaiting = () => {
    if (waiting || !registration?.waiting || !container.controller) return;
    waiting = true;
    notify();
  };
  const watch = (worker: ServiceWorker | null) => {
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") noteWaiting();
    });
  };
  // When the worker we told to skip waiting takes control of this page. Only our own apply()
  // reloads: a reload mid-interview would cut a citizen off.
  container.addEventListener("controllerchange", () => {
    if (applying) window.location.reload();
  });

  const register = () => {
    container.register(scriptUrl).then(
      (registered) => {
        registration = registered;
        // One may already be waiting from before this page loaded.
        noteWaiting();
        watch(registered.installing);
        registered.addEventListener("updatefound", () => watch(registered.installing));
      },
      () => {
        // No service worker (e.g. plain http on the LAN): the kiosk still works while online.
      },
    );
  };
  // After the page has loaded, so the worker's precache does not compete with the first load.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });

  return {
    updateWaiting: () => waiting,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    checkForUpdate() {
      registration?.update().catch(() => {
        // Offline: try again at the next check.
      });
    },
    apply() {
      const next = registration?.waiting;
      if (!waiting || applying || !next) return;
      applying = true;
      // The generated worker (skipWaiting: false) activates on this message.
      next.postMessage({ type: "SKIP_WAITING" });
    },
  };
}
