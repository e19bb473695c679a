import type { KioskDatabase } from "../store/db.ts";

/**
 * Single flight across tabs: only one tab of the kiosk drains the outbox at a time. Web Locks
 * when the browser has them (released by the browser even if the tab dies); otherwise a lease
 * in IndexedDB that expires, so a crashed tab cannot block syncing for longer than leaseMs.
 */
export type SyncLock = {
  /** Runs work if no other tab is syncing; false when another one holds the lock. */
  tryRun(work: () => Promise<void>): Promise<boolean>;
};

const lockName = "borgerpuls-sync";
const leaseKey = "syncLease";

type Lease = { owner: string; until: number };

export function webLock(locks: LockManager): SyncLock {
  return {
    tryRun: (work) =>
      locks.request(lockName, { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await work();
        return true;
      }),
  };
}

export function leaseLock(db: KioskDatabase, now: () => number, leaseMs = 90_000): SyncLock {
  const owner = `${now()}-${Math.random().toString(36).slice(2)}`;
  const take = () =>
    db.transaction("rw", db.meta, async () => {
      const lease = (await db.meta.get(leaseKey))?.value as Lease | undefined;
      if (lease && lease.owner !== owner && lease.until > now()) return false;
      await db.meta.put({ key: leaseKey, value: { owner, until: now() + leaseMs } });
      return true;
    });
  const release = () =>
    db.transaction("rw", db.meta, async () => {
      const lease = (await db.meta.get(leaseKey))?.value as Lease | undefined;
      if (lease?.owner === owner) await db.meta.delete(leaseKey);
    });
  return {
    async tryRun(work) {
      if (!(await take())) return false;
      try {
        await work();
      } finally {
        await release();
      }
      return true;
    },
  };
}

export function defaultLock(db: KioskDatabase, now: () => number): SyncLock {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? webLock(locks) : leaseLock(db, now);
}
