import { checkToken } from "../services/enrol.ts";
import { hashPin, isValidPin, pinMatches } from "../services/pin.ts";
import type { KioskDatabase } from "../store/db.ts";
import { getMeta, type KioskStatus, readStatus, setMeta } from "../store/meta.ts";

/**
 * What staff mode does, as plain functions over the database and the server, so the staff
 * screens stay free of storage and network code.
 */
export type StaffActions = {
  status(): Promise<KioskStatus>;
  enrol(serverUrl: string, token: string): Promise<{ ok: boolean; message: string }>;
  setPin(pin: string): Promise<{ ok: boolean; message: string }>;
  checkPin(pin: string): Promise<boolean>;
  pinSet(): Promise<boolean>;
  syncNow(): void;
};

export async function enrolKiosk(
  db: KioskDatabase,
  serverUrl: string,
  token: string,
): Promise<{ ok: boolean; message: string }> {
  const result = await checkToken(serverUrl, token);
  if (!result.ok) return result;
  await setMeta(db, "enrolment", result.enrolment);
  return { ok: true, message: `Kiosken er tilmeldt som »${result.enrolment.name}«.` };
}

export function staffActions(db: KioskDatabase, requestSync: () => void): StaffActions {
  return {
    status: () => readStatus(db),
    async enrol(serverUrl, token) {
      const result = await enrolKiosk(db, serverUrl, token);
      if (result.ok) requestSync();
      return result;
    },
    async setPin(pin) {
      if (!isValidPin(pin)) return { ok: false, message: "PIN-koden skal være 4 til 8 cifre." };
      await setMeta(db, "staffPinHash", await hashPin(pin));
      return { ok: true, message: "PIN-koden er gemt." };
    },
    async checkPin(pin) {
      const stored = await getMeta(db, "staffPinHash");
      return stored ? pinMatches(pin, stored) : true;
    },
    async pinSet() {
      return Boolean(await getMeta(db, "staffPinHash"));
    },
    syncNow: requestSync,
  };
}
