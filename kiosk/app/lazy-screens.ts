import { lazy } from "react";

/**
 * Screens that load when first shown, not with the citizens' first screen: every start-up would
 * carry their kilobytes for screens citizens seldom or never see. The service worker precaches
 * their chunks with the rest of the app, so they still open offline.
 */

/** Staff mode: PIN, recovery code, PIN choice, status. */
export const StaffMode = lazy(() =>
  import("../staff/StaffMode.tsx").then((module) => ({ default: module.StaffMode })),
);
/** Outside opening hours only, and only where the site turned it on. */
export const SleepScreen = lazy(() =>
  import("../screens/SleepScreen.tsx").then((module) => ({ default: module.SleepScreen })),
);
