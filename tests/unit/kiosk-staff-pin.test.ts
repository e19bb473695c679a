import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockoutMs } from "../../kiosk/services/pin-lockout.ts";
import { type StaffActions, staffActions } from "../../kiosk/staff/actions.ts";
import { KioskDatabase } from "../../kiosk/store/db.ts";
import { formatRecoveryCode, recoveryCode, recoveryWindow } from "../../shared/pin-recovery.ts";
import { makeToken, parseToken } from "../../sync-server/secrets.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

const kioskId = "0190a000-0000-7000-8000-000000000001";
let db: KioskDatabase;
let clock = 1_000_000;
let actions: StaffActions;
let counter = 0;
const token = makeToken("bpk", kioskId);

/** The code the server would show: derived from the hash it stores, never from the token. */
const serverCode = async (n: number) =>
  formatRecoveryCode(await recoveryCode(new Uint8Array(token.hash), kioskId, n));

async function enrol(): Promise<void> {
  await db.meta.put({
    key: "enrolment",
    value: {
      serverUrl: "http://server.test",
      token: token.token,
      kioskId,
      siteId: "0190a000-0000-7000-8000-000000000002",
      name: "Skranke",
      enrolledAt: "2026-11-01T10:00:00Z",
    },
  });
}

beforeEach(() => {
  counter += 1;
  clock = 1_000_000;
  db = new KioskDatabase(`staff-pin-${counter}`);
  actions = staffActions(
    db,
    () => {},
    () => clock,
  );
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe("staff PIN", () => {
  it("cannot be set before enrolment, and must be typed the same twice", async () => {
    expect((await actions.setPin("2468", "2468")).ok).toBe(false);
    await enrol();
    expect(await actions.setPin("2468", "2486")).toEqual({
      ok: false,
      message: "De to PIN-koder er ikke ens. Skriv den samme to gange.",
    });
    expect((await actions.setPin("12", "12")).ok).toBe(false);
    expect(await actions.pinSet()).toBe(false);
    expect(await actions.setPin("2468", "2468")).toEqual({
      ok: true,
      message: "PIN-koden er gemt.",
    });
    expect(await actions.checkPin("2468")).toEqual({ ok: true });
  });

  it("no PIN set opens nothing (the old code let any PIN through)", async () => {
    await enrol();
    expect((await actions.checkPin("0000")).ok).toBe(false);
  });

  it("wrong tries sent at once are each counted (no free guesses by a double submit)", async () => {
    await enrol();
    await actions.setPin("2468", "2468");
    const results = await Promise.all(Array.from({ length: 6 }, () => actions.checkPin("0000")));
    expect(results.map((r) => !r.ok && r.lockedUntil > 0)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it("five wrong tries are free, then each locks for longer, across a reload", async () => {
    await enrol();
    await actions.setPin("2468", "2468");
    for (let i = 0; i < 4; i += 1)
      expect(await actions.checkPin("0000")).toEqual({ ok: false, lockedUntil: 0 });
    expect(await actions.checkPin("0000")).toEqual({ ok: false, lockedUntil: clock + 30_000 });
    // Locked: even the right PIN is not looked at.
    expect(await actions.checkPin("2468")).toEqual({ ok: false, lockedUntil: clock + 30_000 });
    // A reload makes new actions over the same database: the lock holds.
    const reloaded = staffActions(
      db,
      () => {},
      () => clock,
    );
    expect(await reloaded.lockedUntil()).toBe(clock + 30_000);
    clock += 30_000;
    expect(await reloaded.checkPin("1111")).toEqual({ ok: false, lockedUntil: clock + 60_000 });
    clock += 60_000;
    expect(await reloaded.checkPin("2468")).toEqual({ ok: true });
    expect(await reloaded.lockedUntil()).toBe(0);
    expect(await reloaded.checkPin("0000")).toEqual({ ok: false, lockedUntil: 0 });
    expect([4, 5, 6, 7, 20].map(lockoutMs)).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
  });
});

describe("PIN recovery codes", () => {
  it("the kiosk accepts the server's code offline, once, and keeps its unsent answers", async () => {
    await enrol();
    await actions.setPin("2468", "2468");
    await db.responses.add({ ...samplePayload(1), syncState: "pending", updatedAt: clock });
    const first = await serverCode(1);
    expect(first).toMatch(/^\d{5}-\d{5}$/);
    expect(await actions.recover("00000-00000")).toEqual({ ok: false, lockedUntil: 0 });
    expect(await actions.recover(first.replace("-", " "))).toEqual({ ok: true });
    expect(await actions.recover(first)).toEqual({ ok: false, lockedUntil: 0 });
    // Code 3 was shown later (code 2 never typed): it still works; then 2 does not.
    expect(await actions.recover(await serverCode(3))).toEqual({ ok: true });
    expect((await actions.recover(await serverCode(2))).ok).toBe(false);
    // Beyond the window of codes shown but not typed: refused.
    expect((await actions.recover(await serverCode(4 + recoveryWindow))).ok).toBe(false);
    expect(await db.responses.count()).toBe(1);
    expect(await actions.pinSet()).toBe(true);
  });

  it("codes of another kiosk, or of another token, do not work", async () => {
    await enrol();
    const other = makeToken("bpk", kioskId);
    const foreign = await recoveryCode(new Uint8Array(other.hash), kioskId, 1);
    expect((await actions.recover(foreign)).ok).toBe(false);
    const otherKiosk = await recoveryCode(
      new Uint8Array(token.hash),
      "0190a000-0000-7000-8000-00000000000f",
      1,
    );
    expect((await actions.recover(otherKiosk)).ok).toBe(false);
    // Both sides read the same token format.
    expect(parseToken(token.token)?.id).toBe(kioskId);
  });

  it("wrong codes count towards the same lockout as wrong PINs", async () => {
    await enrol();
    await actions.setPin("2468", "2468");
    for (let i = 0; i < 3; i += 1) await actions.checkPin("0000");
    await actions.recover("12345-67890");
    expect(await actions.recover("12345-67891")).toEqual({
      ok: false,
      lockedUntil: clock + 30_000,
    });
    expect((await actions.recover(await serverCode(1))).ok).toBe(false);
  });
});
