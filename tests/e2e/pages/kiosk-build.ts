import fs from "node:fs";
import path from "node:path";
import {
  buildFrontendsIfStale,
  distDir,
  frontends,
  sourceFingerprint,
} from "../../../sync-server/frontends.ts";
import { createLogger } from "../../../sync-server/logger.ts";

/**
 * Builds the front ends if stale, as every e2e file does. The kiosk tests need only the kiosk:
 * if the other front end fails to build (it is built after the kiosk) while the kiosk's build is
 * current, they go on rather than fail for someone else's half-finished change.
 */
export async function ensureKioskBuilt(): Promise<void> {
  try {
    await buildFrontendsIfStale(createLogger("warn"));
  } catch (error) {
    const kiosk = frontends.find((frontend) => frontend.name === "kiosk");
    const stamp = path.join(distDir, "kiosk", ".build-stamp");
    const current =
      kiosk && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === sourceFingerprint(kiosk);
    if (!current) throw error;
    console.warn(`kiosk e2e: the kiosk is built; another front end failed to build: ${error}`);
  }
}
