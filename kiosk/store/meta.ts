import type { SyncedSettings } from "../../shared/kiosk-settings.ts";
import type { SyncedLocalQuestion } from "../../shared/local-questions.ts";
import type { KioskDatabase } from "./db.ts";

/** Typed access to the meta store's named values (see db.ts for who writes which). */

export type Enrolment = {
  serverUrl: string;
  token: string;
  kioskId: string;
  siteId: string;
  name: string;
  enrolledAt: string;
};

export type LastSync = {
  at: string;
  ok: boolean;
  message: string;
  accepted: number;
  duplicates: number;
  rejected: number;
};

type MetaValues = {
  enrolment: Enrolment;
  nextSeq: number;
  staffPinHash: string;
  storagePersisted: boolean;
  lastSync: LastSync;
  clockOffsetMs: number;
  /** The site's central settings from the last sync reply that had readable ones. */
  kioskSettings: SyncedSettings;
  /** The site's local questions from the last sync reply that had readable ones. */
  localQuestions: SyncedLocalQuestion[];
  /** Wrong PINs (and recovery codes) in a row, and until when entry is locked. */
  pinAttempts: PinAttempts;
  /** The highest PIN recovery code used, per enrolled kiosk id (each code works once). */
  pinRecoveryUsed: { kioskId: string; n: number };
};

export type PinAttempts = { failures: number; lockedUntil: number };

export async function getMeta<K extends keyof MetaValues>(
  db: KioskDatabase,
  key: K,
): Promise<MetaValues[K] | undefined> {
  // The sync engine and this app are the only writers, each of its own keys, with these types.
  return (await db.meta.get(key))?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(
  db: KioskDatabase,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

/** What staff mode shows. */
export type KioskStatus = {
  enrolment: Enrolment | undefined;
  waiting: number;
  inProgress: number;
  rejected: number;
  lastSync: LastSync | undefined;
  storagePersisted: boolean | undefined;
  clockOffsetMs: number | undefined;
  pinSet: boolean;
  /** The version of the site's central settings kept from the last sync, if any. */
  settingsVersion: number | undefined;
};

export async function readStatus(db: KioskDatabase): Promise<KioskStatus> {
  return db.transaction("r", db.responses, db.quarantine, db.meta, async () => ({
    enrolment: await getMeta(db, "enrolment"),
    waiting: await db.responses
      .where("[syncState+seq]")
      .between(["pending", 0], ["pending", Infinity])
      .count(),
    inProgress: await db.responses.where("status").equals("in_progress").count(),
    rejected: await db.quarantine.count(),
    lastSync: await getMeta(db, "lastSync"),
    storagePersisted: await getMeta(db, "storagePersisted"),
    clockOffsetMs: await getMeta(db, "clockOffsetMs"),
    pinSet: Boolean(await getMeta(db, "staffPinHash")),
    settingsVersion: (await getMeta(db, "kioskSettings"))?.version,
  }));
}
