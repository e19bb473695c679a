import { readSyncedSettings } from "../../shared/kiosk-settings.ts";
import { readSyncedLocalQuestions } from "../../shared/local-questions.ts";
import type { KioskDatabase } from "../store/db.ts";
import { getMeta, setMeta } from "../store/meta.ts";

/**
 * Keeps the settings a sync reply carried, when they are readable and not the ones already
 * kept; true when they changed. Unreadable or missing settings leave the kept ones alone, so a
 * kiosk offline (or talking to an older server) goes on with the last settings it had.
 */
export async function keepSyncedSettings(db: KioskDatabase, raw: unknown): Promise<boolean> {
  const settings = readSyncedSettings(raw);
  if (!settings) return false;
  return db.transaction("rw", db.meta, async () => {
    const kept = await getMeta(db, "kioskSettings");
    if (kept && JSON.stringify(kept) === JSON.stringify(settings)) return false;
    await setMeta(db, "kioskSettings", settings);
    return true;
  });
}

/** The same for the reply's local questions (an empty list is kept too: the site asks none). */
export async function keepSyncedLocalQuestions(db: KioskDatabase, raw: unknown): Promise<boolean> {
  const questions = readSyncedLocalQuestions(raw);
  if (!questions) return false;
  return db.transaction("rw", db.meta, async () => {
    const kept = await getMeta(db, "localQuestions");
    if (JSON.stringify(kept ?? []) === JSON.stringify(questions)) return false;
    await setMeta(db, "localQuestions", questions);
    return true;
  });
}
