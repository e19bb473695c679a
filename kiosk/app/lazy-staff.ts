import { lazy } from "react";

/**
 * The staff screens load when staff first open them, not with the citizens' first screen: they
 * are a few kilobytes every start-up would carry for a screen citizens never see. The service
 * worker precaches their chunk with the rest of the app, so staff mode still opens offline.
 */
export const StaffGate = lazy(() =>
  import("../staff/StaffGate.tsx").then((module) => ({ default: module.StaffGate })),
);
export const StaffScreen = lazy(() =>
  import("../staff/StaffScreen.tsx").then((module) => ({ default: module.StaffScreen })),
);
