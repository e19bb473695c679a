import { newId } from "../../shared/ids.ts";
import { type QuestionCode, questionnaireVersion } from "../../shared/questionnaire.ts";
import { type Answers, isoWithOffset } from "../../shared/response.ts";
import type { KioskConfig } from "../app/config.ts";
import { type AnswerInput, answeredCount, withAnswer } from "../app/flow.ts";
import { addFlag, isBurst, isTooFast } from "../app/misuse.ts";
import type { KioskDatabase, StoredResponse } from "./db.ts";

/**
 * The interview's writes. Each one is a single Dexie rw transaction that is awaited before the
 * kiosk shows the next screen, so a crash or power cut loses at most the tap in flight.
 */

type Clock = { now?: Date; timeZone?: string };

function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function stamp(clock: Clock): { at: Date; iso: string } {
  const at = clock.now ?? new Date();
  return { at, iso: isoWithOffset(at, clock.timeZone ?? deviceTimeZone()) };
}

/** How many earlier starts the burst rule needs to look at. */
function burstLookback(config: Pick<KioskConfig, "burstStarts">): number {
  return Math.max(1, config.burstStarts);
}

/** Allocates the next seq and creates the in-progress response, in one transaction. */
export async function startInterview(
  db: KioskDatabase,
  input: { locale: string; config: Pick<KioskConfig, "burstStarts" | "burstWindowMs"> } & Clock,
): Promise<StoredResponse> {
  const { at, iso } = stamp(input);
  return db.transaction("rw", db.responses, db.meta, async () => {
    const stored = (await db.meta.get("nextSeq"))?.value;
    const seq = typeof stored === "number" && stored >= 1 ? stored : 1;
    await db.meta.put({ key: "nextSeq", value: seq + 1 });
    const earlier = await db.responses
      .orderBy("seq")
      .reverse()
      .limit(burstLookback(input.config))
      .toArray();
    const burst = isBurst(
      earlier.map((response) => Date.parse(response.startedAt)),
      at.getTime(),
      input.config,
    );
    const response: StoredResponse = {
      id: newId(at.getTime()),
      seq,
      questionnaire: questionnaireVersion,
      locale: input.locale,
      status: "in_progress",
      startedAt: iso,
      finishedAt: null,
      answers: {},
      flags: burst ? ["suspect"] : [],
      syncState: "local",
      updatedAt: at.getTime(),
    };
    await db.responses.add(response);
    return response;
  });
}

/** Sets (or, with undefined, clears) one answer and drops answers to questions no longer asked. */
export async function saveAnswer(
  db: KioskDatabase,
  id: string,
  code: QuestionCode,
  value: AnswerInput,
): Promise<Answers> {
  return db.transaction("rw", db.responses, async () => {
    const response = await requireInProgress(db, id);
    const answers = withAnswer(response.answers, code, value);
    await db.responses.update(id, { answers, updatedAt: Date.now() });
    return answers;
  });
}

/** The citizen reached the end: complete, into the outbox, suspect if impossibly fast. */
export async function finishInterview(
  db: KioskDatabase,
  id: string,
  input: { config: Pick<KioskConfig, "minMsPerAnswer"> } & Clock,
): Promise<StoredResponse> {
  const { at, iso } = stamp(input);
  return db.transaction("rw", db.responses, async () => {
    const response = await requireInProgress(db, id);
    const tooFast = isTooFast(
      Date.parse(response.startedAt),
      at.getTime(),
      answeredCount(response.answers),
      input.config,
    );
    const finished: StoredResponse = {
      ...response,
      status: "complete",
      finishedAt: iso,
      flags: tooFast ? addFlag(response.flags, "suspect") : response.flags,
      syncState: "pending",
      updatedAt: at.getTime(),
    };
    await db.responses.put(finished);
    return finished;
  });
}

/** The citizen left (idle, or back from the first question): keep what they answered. */
export async function abandonInterview(
  db: KioskDatabase,
  id: string,
  clock: Clock = {},
): Promise<void> {
  const { at, iso } = stamp(clock);
  await db.transaction("rw", db.responses, async () => {
    const response = await db.responses.get(id);
    if (response?.status !== "in_progress") return;
    await db.responses.update(id, {
      status: "abandoned",
      finishedAt: iso,
      syncState: "pending",
      updatedAt: at.getTime(),
    });
  });
}

/**
 * At boot: an interview still in progress was cut off by a reload, crash or power cut. Its
 * citizen is gone, so it is kept as abandoned and sent, never left behind as "local" forever.
 */
export async function abandonInterrupted(db: KioskDatabase, clock: Clock = {}): Promise<number> {
  const { at, iso } = stamp(clock);
  return db.transaction("rw", db.responses, async () => {
    const open = await db.responses.where("status").equals("in_progress").toArray();
    for (const response of open) {
      await db.responses.update(response.id, {
        status: "abandoned",
        finishedAt: iso,
        syncState: "pending",
        updatedAt: at.getTime(),
      });
    }
    return open.length;
  });
}

async function requireInProgress(db: KioskDatabase, id: string): Promise<StoredResponse> {
  const response = await db.responses.get(id);
  if (!response) throw new Error(`No response ${id}`);
  if (response.status !== "in_progress")
    throw new Error(`Response ${id} is already ${response.status}`);
  return response;
}
