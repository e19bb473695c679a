import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KioskDatabase } from "../../kiosk/store/db.ts";
import { getMeta } from "../../kiosk/store/meta.ts";
import { createSyncEngine } from "../../kiosk/sync/engine.ts";
import { leaseLock } from "../../kiosk/sync/lock.ts";
import { defaultOpeningHours } from "../../shared/opening-hours.ts";

let db: KioskDatabase;
let counter = 0;
const settings = {
  version: 2,
  values: { idleMs: 30_000, languages: ["da", "en"] },
  timezone: "Europe/Copenhagen",
  openingHours: defaultOpeningHours,
};

beforeEach(async () => {
  counter += 1;
  db = new KioskDatabase(`sync-settings-${counter}`);
  await db.meta.put({
    key: "enrolment",
    value: {
      serverUrl: "http://server.test",
      token: "bpk_token",
      kioskId: "0190a000-0000-7000-8000-000000000001",
      siteId: "0190a000-0000-7000-8000-000000000002",
      name: "Skranke",
      enrolledAt: "2026-11-01T10:00:00Z",
    },
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Replies in turn with each given `settings` field (absent when undefined), then fails. */
function engineReplying(replies: unknown[], onSettings: () => void) {
  let call = 0;
  const fetch = (async () => {
    if (call >= replies.length) throw new TypeError("Failed to fetch");
    const extra = replies[call++];
    const body = {
      accepted: [],
      duplicates: [],
      rejected: [],
      serverTime: new Date().toISOString(),
      ...(extra === undefined ? {} : { settings: extra }),
    };
    return new Response(JSON.stringify(body), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  return createSyncEngine({
    db,
    fetch,
    lock: leaseLock(db, Date.now),
    appVersion: "test",
    setTimer: () => 0,
    clearTimer: () => {},
    onSettings,
  });
}

describe("central settings in the sync reply", () => {
  it("are kept in IndexedDB; missing, broken or unchanged ones keep the last good ones", async () => {
    let told = 0;
    const engine = engineReplying(
      [
        settings,
        settings,
        undefined,
        { ...settings, version: 3, values: { idleMs: 1 } },
        { ...settings, version: 4 },
      ],
      () => {
        told += 1;
      },
    );
    expect(await getMeta(db, "kioskSettings")).toBeUndefined();
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(await getMeta(db, "kioskSettings")).toEqual(settings);
    expect(told).toBe(1);
    await engine.syncNow(); // the same again: nothing to tell
    await engine.syncNow(); // an older server: no settings at all
    const broken = await engine.syncNow(); // unreadable settings: the receipts still count
    expect(broken).toMatchObject({ ok: true });
    expect(await getMeta(db, "kioskSettings")).toEqual(settings);
    expect(told).toBe(1);
    await engine.syncNow();
    expect((await getMeta(db, "kioskSettings"))?.version).toBe(4);
    expect(told).toBe(2);
    // Offline from now on: the kiosk goes on with what it had.
    expect(await engine.syncNow()).toMatchObject({ ok: false });
    expect((await getMeta(db, "kioskSettings"))?.version).toBe(4);
    engine.stop();
  });
});
