import { newId } from "../../shared/ids.ts";
import { type QuestionCode, questionnaireVersion } from "../../shared/questionnaire.ts";
import { type Answers, isoWithOffset } from "../../shared/response.ts";
import type { KioskConfig } from "../app/config.ts";
import { type AnswerInput, answeredCount, withAnswer } from "../app/flow.ts";
import { addFlag, isBurst, isSuspect } from "../app/misuse.ts";
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

type MisuseConfig = Pick<KioskConfig, "burstStarts" | "burstWindowMs" | "minMsPerAnswer">;

/**
 * An interview before its first answer lives only in memory: a passer-by who taps Start and
 * walks away (or taps Back) leaves nothing to store, send or count, and uses no seq number, so
 * the server's gap check still means "answers lost on the device".
 */
export type InterviewDraft = { id: string; locale: string; startedAt: string };

export function newInterview(input: { locale: string } & Clock): InterviewDraft {
  const { at, iso } = stamp(input);
  return { id: newId(at.getTime()), locale: input.locale, startedAt: iso };
}

/**
 * Sets (or, with undefined, clears) one answer and drops answers to questions no longer asked.
 * The first real answer creates the response, allocating its seq in the same transaction.
 */
export async function saveAnswer(
  db: KioskDatabase,
  draft: InterviewDraft,
  code: QuestionCode,
  value: AnswerInput,
): Promise<Answers> {
  return db.transaction("rw", db.responses, db.meta, async () => {
    const stored = await db.responses.get(draft.id);
    if (stored) {
      const response = requireInProgress(stored);
      const answers = withAnswer(response.answers, code, value);
      await db.responses.update(draft.id, { answers, updatedAt: Date.now() });
      return answers;
    }
    const answers = withAnswer({}, code, value);
    if (answeredCount(answers) === 0) return answers;
    const next = (await db.meta.get("nextSeq"))?.value;
    const seq = typeof next === "number" && next >= 1 ? next : 1;
    await db.meta.put({ key: "nextSeq", value: seq + 1 });
    await db.responses.add({
      id: draft.id,
      seq,
      questionnaire: questionnaireVersion,
      locale: draft.locale,
      status: "in_progress",
      startedAt: draft.startedAt,
      finishedAt: null,
      answers,
      flags: [],
      syncState: "local",
      updatedAt: Date.now(),
    });
    return answers;
  });
}

/**
 * Sets (or, with undefined, clears) the answer to one local question (by version id). Only an
 * interview already stored has local questions: they follow the core questions, and a citizen
 * who answered none of those is not asked them (nothing is kept of a passer-by).
 */
export async function saveLocalAnswer(
  db: KioskDatabase,
  draft: InterviewDraft,
  versionId: string,
  answer: string | undefined,
): Promise<void> {
  await db.transaction("rw", db.responses, async () => {
    const stored = await db.responses.get(draft.id);
    if (!stored) return;
    const response = requireInProgress(stored);
    // A Map, then back to an object: the version ids are the server's, never Object.prototype's.
    const local = new Map(Object.entries(response.local ?? {}));
    if (answer === undefined) local.delete(versionId);
    else local.set(versionId, answer);
    await db.responses.update(draft.id, {
      local: Object.fromEntries(local),
      updatedAt: Date.now(),
    });
  });
}

/** Did this response start in a burst of starts (the earlier responses, by seq)? */
async function startedInBurst(
  db: KioskDatabase,
  response: StoredResponse,
  config: MisuseConfig,
): Promise<boolean> {
  const earlier = await db.responses
    .where("seq")
    .below(response.seq)
    .reverse()
    .limit(burstLookback(config))
    .toArray();
  return isBurst(
    earlier.map((other) => Date.parse(other.startedAt)),
    Date.parse(response.startedAt),
    config,
  );
}

/** Complete or abandoned, into the outbox, suspect only if its own pace was implausible. */
async function endInterview(
  db: KioskDatabase,
  id: string,
  status: "complete" | "abandoned",
  input: { config: MisuseConfig } & Clock,
): Promise<StoredResponse | undefined> {
  const { at, iso } = stamp(input);
  return db.transaction("rw", db.responses, async () => {
    const stored = await db.responses.get(id);
    // No answer was given: there is nothing to keep.
    if (!stored) return undefined;
    if (status === "abandoned" && stored.status !== "in_progress") return stored;
    const response = requireInProgress(stored);
    const pace = {
      startedMs: Date.parse(response.startedAt),
      endedMs: at.getTime(),
      answered: answeredCount(response.answers),
    };
    const suspect = isSuspect(pace, await startedInBurst(db, response, input.config), input.config);
    const ended: StoredResponse = {
      ...response,
      status,
      finishedAt: iso,
      flags: suspect ? addFlag(response.flags, "suspect") : response.flags,
      syncState: "pending",
      updatedAt: at.getTime(),
    };
    await db.responses.put(ended);
    return ended;
  });
}

/** The citizen reached the end. Undefined when every question was skipped (nothing stored). */
export function finishInterview(
  db: KioskDatabase,
  id: string,
  input: { config: MisuseConfig } & Clock,
): Promise<StoredResponse | undefined> {
  return endInterview(db, id, "complete", input);
}

/** The citizen left (idle, or back from the first question): keep what they answered. */
export function abandonInterview(
  db: KioskDatabase,
  id: string,
  input: { config: MisuseConfig } & Clock,
): Promise<StoredResponse | undefined> {
  return endInterview(db, id, "abandoned", input);
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

function requireInProgress(response: StoredResponse): StoredResponse {
  if (response.status !== "in_progress")
    throw new Error(`Response ${response.id} is already ${response.status}`);
  return response;
}
