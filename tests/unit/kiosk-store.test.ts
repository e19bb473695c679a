import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KioskDatabase } from "../../kiosk/store/db.ts";
import {
  abandonInterrupted,
  abandonInterview,
  finishInterview,
  newInterview,
  saveAnswer,
  saveLocalAnswer,
  withDraftLocalAnswer,
} from "../../kiosk/store/interview.ts";
import { getMeta, readStatus, setMeta } from "../../kiosk/store/meta.ts";
import { toPayload } from "../../kiosk/sync/outbox.ts";
import { checkResponse } from "../../shared/contracts.ts";
import { isUuidV7 } from "../../shared/ids.ts";
import { questionnaireVersion } from "../../shared/questionnaire.ts";

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

/** A started interview with its first answer saved: the response exists from then on. */
async function answered(locale = "da", at?: string) {
  const draft = await saveAnswer(
    db,
    newInterview({ locale, ...(at ? clock(at) : {}) }),
    "got_help",
    "yes",
    { config },
  );
  const stored = await db.responses.get(draft.id);
  if (!stored) throw new Error("not stored");
  return { draft, stored };
}

describe("the interview's writes (Dexie over fake-indexeddb)", () => {
  it("stores nothing for an interview with no answer: start, skip, back, finish all leave no trace", async () => {
    const draft = newInterview({ locale: "da" });
    expect((await saveAnswer(db, draft, "got_help", undefined, { config })).answers).toEqual({});
    expect((await saveAnswer(db, draft, "improve_text", "   ", { config })).answers).toEqual({});
    expect(await abandonInterview(db, draft, { config })).toBeUndefined();
    expect(await finishInterview(db, draft, { config })).toBeUndefined();
    expect(await db.responses.count()).toBe(0);
    // No seq was used either, so the server's gap check sees no lost answers.
    expect(await getMeta(db, "nextSeq")).toBeUndefined();
  });

  it("the first answer creates the response: seq 1, 2 …, a UUIDv7, the start time with its offset", async () => {
    const first = await answered("da", "2026-11-23T09:15:00Z");
    const second = await answered("ar");
    expect([first.stored.seq, second.stored.seq]).toEqual([1, 2]);
    expect(isUuidV7(first.stored.id)).toBe(true);
    expect(first.stored).toMatchObject({
      status: "in_progress",
      syncState: "local",
      startedAt: "2026-11-23T10:15:00.000+01:00",
      finishedAt: null,
      questionnaire: questionnaireVersion,
      flags: [],
      answers: { got_help: "yes" },
    });
    expect(await getMeta(db, "nextSeq")).toBe(3);
  });

  it("never reuses a seq, even when a response is gone", async () => {
    const first = await answered();
    await db.responses.delete(first.stored.id);
    expect((await answered()).stored.seq).toBe(2);
  });

  it("a first write for a response already stored aborts whole: no overwrite, no seq used", async () => {
    const draft = newInterview({ locale: "da" });
    await saveAnswer(db, draft, "got_help", "yes", { config });
    // The same unsaved draft again (as if its first write ran twice): the add fails, and the
    // seq counter's bump in the same transaction is rolled back with it.
    await expect(saveAnswer(db, draft, "got_help", "no", { config })).rejects.toThrow();
    expect((await db.responses.get(draft.id))?.answers).toEqual({ got_help: "yes" });
    expect(await getMeta(db, "nextSeq")).toBe(2);
  });

  it("saves answers as they come, then finishes: complete, pending, finishedAt", async () => {
    let draft = newInterview({ locale: "da", ...clock("2026-06-01T08:00:00Z") });
    draft = await saveAnswer(db, draft, "got_help", "yes", { config });
    draft = await saveAnswer(db, draft, "sent_on", "yes", { config });
    draft = await saveAnswer(db, draft, "referred_ok", "no", { config });
    draft = await saveAnswer(db, draft, "sent_on", "no", { config });
    expect((await db.responses.get(draft.id))?.answers).toEqual({
      got_help: "yes",
      sent_on: "no",
    });
    const done = await finishInterview(db, draft, {
      config,
      ...clock("2026-06-01T08:00:30Z"),
    });
    expect(done).toMatchObject({
      status: "complete",
      syncState: "pending",
      finishedAt: "2026-06-01T10:00:30.000+02:00",
      answers: { got_help: "yes", sent_on: "no" },
    });
    await expect(saveAnswer(db, draft, "guidance", "good", { config })).rejects.toThrow(
      /already complete/,
    );
    // The refused write left the stored response as it was.
    expect(await db.responses.get(draft.id)).toEqual(done);
  });

  it("abandoning keeps the answers so far and queues them", async () => {
    const { draft } = await answered();
    await abandonInterview(db, draft, { config });
    expect(await db.responses.get(draft.id)).toMatchObject({
      status: "abandoned",
      syncState: "pending",
      answers: { got_help: "yes" },
    });
    // Abandoning twice, or after finishing, changes nothing.
    await abandonInterview(db, draft, { config });
    expect((await db.responses.get(draft.id))?.status).toBe("abandoned");
    await expect(finishInterview(db, draft, { config })).rejects.toThrow(/already abandoned/);
  });

  it("at boot, interviews cut off by a reload become abandoned", async () => {
    const { draft } = await answered();
    expect(await abandonInterrupted(db)).toBe(1);
    expect((await db.responses.get(draft.id))?.status).toBe("abandoned");
    expect(await abandonInterrupted(db)).toBe(0);
  });

  it("an interview a version-1 build left behind is sent as version 1 after the update, and is valid", async () => {
    // What the previous build stored mid-interview: questionnaire 1, never asked why not.
    const { draft, stored } = await answered();
    await db.responses.put({ ...stored, questionnaire: 1, answers: { got_help: "no" } });
    // The update reloads on the start screen; at boot the cut-off interview is abandoned …
    expect(await abandonInterrupted(db)).toBe(1);
    const left = await db.responses.get(draft.id);
    if (!left) throw new Error("not stored");
    const payload = toPayload(left);
    // … and keeps its version, so the server reads it as asked, not as a v2 that skipped why.
    expect(payload).toMatchObject({ questionnaire: 1, status: "abandoned" });
    expect(checkResponse(payload)).toMatchObject({ ok: true });
    // The next citizen, in the new build, is asked version 2.
    const next = newInterview({ locale: "da" });
    await saveAnswer(db, next, "got_help", "no", { config });
    expect((await db.responses.get(next.id))?.questionnaire).toBe(questionnaireVersion);
    expect(questionnaireVersion).toBe(2);
  });

  it("local answers are stored with the response, never before a core answer, and end with it", async () => {
    const versionId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    const unstored = newInterview({ locale: "da" });
    // A passer-by is never asked local questions; if one were answered, nothing is stored.
    expect(await saveLocalAnswer(db, unstored, versionId, "pas", { config })).toBe(unstored);
    expect(await db.responses.count()).toBe(0);
    let { draft } = await answered();
    draft = await saveLocalAnswer(db, draft, versionId, "pas", { config });
    expect((await db.responses.get(draft.id))?.local).toEqual({ [versionId]: "pas" });
    // The last local answer and the end are one write.
    const done = await finishInterview(db, withDraftLocalAnswer(draft, versionId, "mitid"), {
      config,
    });
    expect(done).toMatchObject({ status: "complete", local: { [versionId]: "mitid" } });
    expect(await db.responses.get(draft.id)).toEqual(done);
  });

  it("in a burst, flags the fast interviews only; the calm one after them is not suspect", async () => {
    const strict = { burstStarts: 2, burstWindowMs: 60_000, minMsPerAnswer: 0 };
    const at = (s: number) => clock(`2026-06-01T08:00:${String(s).padStart(2, "0")}Z`);
    const flagsOf = async (startS: number, endS: number, answers: number) => {
      let draft = newInterview({ locale: "da", ...at(startS) });
      const codes = ["got_help", "sent_on", "guidance"] as const;
      for (const code of codes.slice(0, answers))
        draft = await saveAnswer(db, draft, code, code === "guidance" ? "good" : "no", {
          config: strict,
        });
      return (await finishInterview(db, draft, { config: strict, ...at(endS) }))?.flags;
    };
    // Three quick ones (under 1.5 s per answer): the third starts in a burst.
    expect(await flagsOf(0, 1, 3)).toEqual([]);
    expect(await flagsOf(1, 2, 3)).toEqual([]);
    expect(await flagsOf(2, 3, 3)).toEqual(["suspect"]);
    // Still in the burst, but 2.5 s per answer: a person.
    expect(await flagsOf(3, 10, 3)).toEqual([]);
    // Faster than anyone reads is suspect with or without a burst.
    const fast = { ...strict, burstStarts: 0, minMsPerAnswer: 1_000 };
    let draft = newInterview({ locale: "da", ...at(30) });
    draft = await saveAnswer(db, draft, "got_help", "yes", { config: fast });
    draft = await saveAnswer(db, draft, "sent_on", "no", { config: fast });
    const done = await finishInterview(db, draft, { config: fast, ...at(31) });
    expect(done?.flags).toEqual(["suspect"]);
  });

  it("staff status counts the outbox, the quarantine and the meta values", async () => {
    const { draft } = await answered();
    await finishInterview(db, draft, { config });
    await answered();
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
