import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KioskDatabase } from "../../kiosk/store/db.ts";
import {
  abandonInterrupted,
  abandonInterview,
  finishInterview,
  saveAnswer,
  startInterview,
} from "../../kiosk/store/interview.ts";
import { getMeta, readStatus, setMeta } from "../../kiosk/store/meta.ts";
import { isUuidV7 } from "../../shared/ids.ts";

let db: KioskDatabase;
const config = { burstStarts: 0, burstWindowMs: 0, minMsPerAnswer: 0 };
const clock = (iso: string) => ({ now: new Date(iso), timeZone: "Europe/Copenhagen" });

beforeEach(async () => {
  db = new KioskDatabase(`kiosk-test-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe("the interview's writes (Dexie over fake-indexeddb)", () => {
  it("starts with seq 1, 2, 3 …, a UUIDv7, local times with the UTC offset, in progress and local", async () => {
    const first = await startInterview(db, {
      locale: "da",
      config,
      ...clock("2026-11-23T09:15:00Z"),
    });
    const second = await startInterview(db, { locale: "ar", config });
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(isUuidV7(first.id)).toBe(true);
    expect(first).toMatchObject({
      status: "in_progress",
      syncState: "local",
      startedAt: "2026-11-23T10:15:00.000+01:00",
      finishedAt: null,
      questionnaire: 1,
      flags: [],
    });
    expect(await getMeta(db, "nextSeq")).toBe(3);
  });

  it("never reuses a seq, even when a response is gone", async () => {
    const first = await startInterview(db, { locale: "da", config });
    await db.responses.delete(first.id);
    expect((await startInterview(db, { locale: "da", config })).seq).toBe(2);
  });

  it("saves answers as they come, then finishes: complete, pending, finishedAt", async () => {
    const { id } = await startInterview(db, {
      locale: "da",
      config,
      ...clock("2026-06-01T08:00:00Z"),
    });
    await saveAnswer(db, id, "got_help", "yes");
    await saveAnswer(db, id, "sent_on", "yes");
    await saveAnswer(db, id, "referred_ok", "no");
    expect(await saveAnswer(db, id, "sent_on", "no")).toEqual({ got_help: "yes", sent_on: "no" });
    const done = await finishInterview(db, id, { config, ...clock("2026-06-01T08:00:30Z") });
    expect(done).toMatchObject({
      status: "complete",
      syncState: "pending",
      finishedAt: "2026-06-01T10:00:30.000+02:00",
      answers: { got_help: "yes", sent_on: "no" },
    });
    await expect(saveAnswer(db, id, "guidance", "good")).rejects.toThrow(/already complete/);
  });

  it("abandoning keeps the answers so far and queues them", async () => {
    const { id } = await startInterview(db, { locale: "da", config });
    await saveAnswer(db, id, "got_help", "no");
    await abandonInterview(db, id);
    expect(await db.responses.get(id)).toMatchObject({
      status: "abandoned",
      syncState: "pending",
      answers: { got_help: "no" },
    });
    // Abandoning twice, or after finishing, changes nothing.
    await abandonInterview(db, id);
    expect((await db.responses.get(id))?.status).toBe("abandoned");
  });

  it("at boot, interviews cut off by a reload become abandoned", async () => {
    const { id } = await startInterview(db, { locale: "da", config });
    expect(await abandonInterrupted(db)).toBe(1);
    expect((await db.responses.get(id))?.status).toBe("abandoned");
    expect(await abandonInterrupted(db)).toBe(0);
  });

  it("flags bursts of starts and impossibly fast interviews as suspect", async () => {
    const strict = { burstStarts: 2, burstWindowMs: 60_000, minMsPerAnswer: 1_000 };
    const at = (s: number) => clock(`2026-06-01T08:00:${String(s).padStart(2, "0")}Z`);
    await startInterview(db, { locale: "da", config: strict, ...at(0) });
    await startInterview(db, { locale: "da", config: strict, ...at(1) });
    const third = await startInterview(db, { locale: "da", config: strict, ...at(2) });
    expect(third.flags).toEqual(["suspect"]);

    const fresh = new KioskDatabase(`kiosk-test-${Math.random()}`);
    const { id } = await startInterview(fresh, { locale: "da", config: strict, ...at(0) });
    for (const [code, value] of [
      ["got_help", "yes"],
      ["sent_on", "no"],
      ["guidance", "good"],
    ] as const) {
      await saveAnswer(fresh, id, code, value);
    }
    const fast = await finishInterview(fresh, id, { config: strict, ...at(2) });
    expect(fast.flags).toEqual(["suspect"]);
    await fresh.delete();
  });

  it("staff status counts the outbox, the quarantine and the meta values", async () => {
    const { id } = await startInterview(db, { locale: "da", config });
    await finishInterview(db, id, { config });
    await startInterview(db, { locale: "da", config });
    await setMeta(db, "storagePersisted", true);
    expect(await readStatus(db)).toMatchObject({
      waiting: 1,
      inProgress: 1,
      rejected: 0,
      storagePersisted: true,
      pinSet: false,
      enrolment: undefined,
    });
  });
});
