import { afterWrong, noAttempts } from "../services/pin-lockout.ts";
import type { KioskDatabase } from "../store/db.ts";
import { getMeta, type KioskStatus, readStatus, setMeta } from "../store/meta.ts";

/**
 * What staff mode does, as plain functions over the database and the server, so the staff
 * screens stay free of storage and network code.
 */
export type Outcome = { ok: boolean; message: string };

// PIN hashing, recovery codes and enrolment load when staff first use them, not with the
// citizens' first screen (the service worker precaches them, so they work offline).
const pinCode = () => import("../services/pin.ts");
const recoveryCodes = () => import("../../shared/pin-recovery.ts");
/** A PIN or recovery code check: ok, or wrong (and maybe locked until lockedUntil, epoch ms). */
export type EntryCheck = { ok: true } | { ok: false; lockedUntil: number };

export type StaffActions = {
  status(): Promise<KioskStatus>;
  enrol(serverUrl: string, token: string): Promise<Outcome>;
  /** The new PIN twice; refused before enrolment (a PIN nobody can recover would lock staff out). */
  setPin(pin: string, confirmation: string): Promise<Outcome>;
  checkPin(pin: string): Promise<EntryCheck>;
  /** A one-time code from the dashboard, checked offline against the enrolment token. */
  recover(code: string): Promise<EntryCheck>;
  /** Epoch ms until which PIN entry is locked (0: not locked). */
  lockedUntil(): Promise<number>;
  pinSet(): Promise<boolean>;
  enrolled(): Promise<boolean>;
  syncNow(): void;
};

export async function enrolKiosk(
  db: KioskDatabase,
  serverUrl: string,
  token: string,
): Promise<Outcome> {
  const { checkToken } = await import("../services/enrol.ts");
  const result = await checkToken(serverUrl, token);
  if (!result.ok) return result;
  await setMeta(db, "enrolment", result.enrolment);
  return { ok: true, message: `Kiosken er tilmeldt som »${result.enrolment.name}«.` };
}

export function staffActions(
  db: KioskDatabase,
  requestSync: () => void,
  now: () => number = Date.now,
): StaffActions {
  // Checks run one at a time: two at once would both read the same count of wrong tries, and a
  // quick double submit would earn a free guess.
  let queue: Promise<unknown> = Promise.resolve();
  function guarded(check: () => Promise<boolean>): Promise<EntryCheck> {
    const run = queue.then(() => counted(check));
    queue = run.catch(() => {});
    return run;
  }

  /** Runs a check unless entry is locked; counts a wrong answer, clears the count on a right one. */
  async function counted(check: () => Promise<boolean>): Promise<EntryCheck> {
    const attempts = (await getMeta(db, "pinAttempts")) ?? noAttempts;
    if (attempts.lockedUntil > now()) return { ok: false, lockedUntil: attempts.lockedUntil };
    if (await check()) {
      await setMeta(db, "pinAttempts", noAttempts);
      return { ok: true };
    }
    const next = afterWrong(attempts, now());
    await setMeta(db, "pinAttempts", next);
    return { ok: false, lockedUntil: next.lockedUntil };
  }

  return {
    status: () => readStatus(db),
    async enrol(serverUrl, token) {
      const result = await enrolKiosk(db, serverUrl, token);
      if (result.ok) requestSync();
      return result;
    },
    async setPin(pin, confirmation) {
      const { hashPin, isValidPin } = await pinCode();
      if (!(await getMeta(db, "enrolment")))
        return { ok: false, message: "Tilmeld kiosken først; derefter vælges PIN-koden." };
      if (!isValidPin(pin)) return { ok: false, message: "PIN-koden skal være 4 til 8 cifre." };
      if (pin !== confirmation)
        return { ok: false, message: "De to PIN-koder er ikke ens. Skriv den samme to gange." };
      await setMeta(db, "staffPinHash", await hashPin(pin));
      return { ok: true, message: "PIN-koden er gemt." };
    },
    checkPin(pin) {
      return guarded(async () => {
        const stored = await getMeta(db, "staffPinHash");
        const { pinMatches } = await pinCode();
        return stored !== undefined && (await pinMatches(pin, stored));
      });
    },
    recover(code) {
      return guarded(async () => {
        const { matchRecoveryCode, secretHash, tokenSecret } = await recoveryCodes();
        const enrolment = await getMeta(db, "enrolment");
        const secret = enrolment && tokenSecret(enrolment.token);
        if (!enrolment || !secret) return false;
        const used = await getMeta(db, "pinRecoveryUsed");
        const lastUsed = used?.kioskId === enrolment.kioskId ? used.n : 0;
        const n = await matchRecoveryCode(
          code,
          await secretHash(secret),
          enrolment.kioskId,
          lastUsed,
        );
        if (n === undefined) return false;
        await setMeta(db, "pinRecoveryUsed", { kioskId: enrolment.kioskId, n });
        return true;
      });
    },
    async lockedUntil() {
      const until = (await getMeta(db, "pinAttempts"))?.lockedUntil ?? 0;
      return until > now() ? until : 0;
    },
    async pinSet() {
      return Boolean(await getMeta(db, "staffPinHash"));
    },
    async enrolled() {
      return Boolean(await getMeta(db, "enrolment"));
    },
    syncNow: requestSync,
  };
}
