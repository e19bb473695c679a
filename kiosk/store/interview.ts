import { newId } from "../../shared/ids.ts";
import { type QuestionCode, questionnaireVersion } from "../../shared/questionnaire.ts";
import { type Answers, isoWithOffset } from "../../shared/response.ts";
import { deviceTimeZone } from "../../shared/zone-format.ts";
import type { KioskConfig } from "../app/config.ts";
import { type AnswerInput, answeredCount, withAnswer } from "../app/flow.ts";
import { addFlag, isBurst, isSuspect } from "../app/misuse.ts";
import type { KioskDatabase, StoredResponse } from "./db.ts";
import { createWithSeq, NotInProgress, overwriteInProgress } from "./interview-writes.ts";

/**
 * The interview's writes. Each one is a single rw transaction, sent to IndexedDB within the tap
 * and committed before the kiosk takes the next tap, so a crash or power cut loses at most the
 * tap in flight. Each is made before the returned promise's first await (on an open database),
 * so the caller can render while it commits (useInterview.ts). They are on
 * the citizen's tap-to-next-screen path, so each takes as few IndexedDB round trips as it can
 * (interview-writes.ts): the draft in memory holds what is stored, so a later answer (and the
 * end) is one `put`, sent together with a `get` that only checks the stored row is still this
 * interview in progress (if not, the transaction aborts and the `put` never lands).
 */

type Clock = { now?: Date; timeZone?: string };

function stamp(clock: Clock): { at: Date; iso: string } {
  const at = clock.now ?? new Date();
  return { at, iso: isoWithOffset(at, clock.timeZone ?? deviceTimeZone()) };
}

type MisuseConfig = Pick<KioskConfig, "burstStarts" | "burstWindowMs" | "minMsPerAnswer">;
type WriteInput = { config: MisuseConfig } & Clock;

/**
 * An interview in memory. Before its first answer it lives only here: a passer-by who taps Start
 * and walks away (or taps Back) leaves nothing to store, send or count, and uses no seq number,
 * so the server's gap check still means "answers lost on the device". `answers` are the ones
 * stored (or, before the first write, none); `stored` is set once the response exists.
 */
export type InterviewDraft = {
  id: string;
  locale: string;
  startedAt: string;
  answers: Answers;
  /** Answers to the site's local questions, by version id (a Map: the ids are the server's). */
  local: ReadonlyMap<string, string>;
  stored?: {
    seq: number;
    /** When the responses before this one started (ms, newest first): the burst rule's input,
     * read once with the seq, as those responses cannot change during this interview. */
    earlierStartsMs: number[];
  };
};

export function newInterview(input: { locale: string } & Clock): InterviewDraft {
  const { at, iso } = stamp(input);
  return {
    id: newId(at.getTime()),
    locale: input.locale,
    startedAt: iso,
    answers: {},
    local: new Map(),
  };
}

/** The draft with one local question's answer set (or cleared, with undefined), in memory. */
export function withDraftLocalAnswer(
  draft: InterviewDraft,
  versionId: string,
  answer: string | undefined,
): InterviewDraft {
  const local = new Map(draft.local);
  if (answer === undefined) local.delete(versionId);
  else local.set(versionId, answer);
  return { ...draft, local };
}

/** The draft with one answer set (or cleared), in memory only: see withAnswer. */
export function withDraftAnswer(
  draft: InterviewDraft,
  code: QuestionCode,
  value: AnswerInput,
): InterviewDraft {
  return { ...draft, answers: withAnswer(draft.answers, code, value) };
}

type Ending = { status: "complete" | "abandoned"; at: Date; iso: string; config: MisuseConfig };

/** The row as stored for the draft, in progress or ended. */
function rowOf(
  draft: InterviewDraft,
  seq: number,
  earlier: number[],
  end?: Ending,
): StoredResponse {
  const row: StoredResponse = {
    id: draft.id,
    seq,
    questionnaire: questionnaireVersion,
    locale: draft.locale,
    status: "in_progress",
    startedAt: draft.startedAt,
    finishedAt: null,
    answers: draft.answers,
    ...(draft.local.size > 0 ? { local: Object.fromEntries(draft.local) } : {}),
    flags: [],
    syncState: "local",
    updatedAt: end?.at.getTime() ?? Date.now(),
  };
  if (!end) return row;
  const startedMs = Date.parse(draft.startedAt);
  const pace = { startedMs, endedMs: end.at.getTime(), answered: answeredCount(draft.answers) };
  const suspect = isSuspect(pace, isBurst(earlier, startedMs, end.config), end.config);
  return {
    ...row,
    status: end.status,
    finishedAt: end.iso,
    flags: suspect ? addFlag(row.flags, "suspect") : row.flags,
    syncState: "pending",
  };
}

/** The first write: allocates the seq and creates the row, in one transaction. */
async function create(
  db: KioskDatabase,
  draft: InterviewDraft,
  config: MisuseConfig,
  end?: Ending,
): Promise<{ draft: InterviewDraft; row: StoredResponse }> {
  const { row, earlierStartsMs } = await createWithSeq(
    db,
    Math.max(1, config.burstStarts),
    (seq, earlier) => rowOf(draft, seq, earlier, end),
  );
  return { draft: { ...draft, stored: { seq: row.seq, earlierStartsMs } }, row };
}

/** A later write: the whole row in one put, checked against the stored row in the same trip. */
async function overwrite(
  db: KioskDatabase,
  draft: InterviewDraft,
  stored: NonNullable<InterviewDraft["stored"]>,
  end?: Ending,
): Promise<StoredResponse> {
  const row = rowOf(draft, stored.seq, stored.earlierStartsMs, end);
  await overwriteInProgress(db, row);
  return row;
}

/**
 * Stores the draft's answers (see withDraftAnswer): the first answer creates the response; with
 * no answer yet, nothing is stored. Returns the draft as stored.
 */
export async function saveDraft(
  db: KioskDatabase,
  draft: InterviewDraft,
  input: WriteInput,
): Promise<InterviewDraft> {
  if (draft.stored) {
    await overwrite(db, draft, draft.stored);
    return draft;
  }
  if (answeredCount(draft.answers) === 0) return draft;
  return (await create(db, draft, input.config)).draft;
}

/** One answer set (or cleared, with undefined) and stored: withDraftAnswer, then saveDraft. */
export function saveAnswer(
  db: KioskDatabase,
  draft: InterviewDraft,
  code: QuestionCode,
  value: AnswerInput,
  input: WriteInput,
): Promise<InterviewDraft> {
  return saveDraft(db, withDraftAnswer(draft, code, value), input);
}

/**
 * One local question's answer set (or cleared) and stored. Only an interview already stored has
 * local questions: they follow the core questions, and a citizen who answered none of those is
 * not asked them (nothing is kept of a passer-by), so an unstored draft stays unstored.
 */
export async function saveLocalAnswer(
  db: KioskDatabase,
  draft: InterviewDraft,
  versionId: string,
  answer: string | undefined,
  input: WriteInput,
): Promise<InterviewDraft> {
  if (!draft.stored) return draft;
  return saveDraft(db, withDraftLocalAnswer(draft, versionId, answer), input);
}

/**
 * Complete or abandoned, with the draft's answers, into the outbox in one write; suspect only if
 * its own pace was implausible. Undefined when nothing was answered (nothing is kept).
 */
async function endInterview(
  db: KioskDatabase,
  draft: InterviewDraft,
  status: Ending["status"],
  input: WriteInput,
): Promise<StoredResponse | undefined> {
  const end: Ending = { status, ...stamp(input), config: input.config };
  if (!draft.stored) {
    if (answeredCount(draft.answers) === 0) return undefined;
    return (await create(db, draft, input.config, end)).row;
  }
  try {
    return await overwrite(db, draft, draft.stored, end);
  } catch (error) {
    // Abandoning what has already ended (or gone) changes nothing.
    if (status === "abandoned" && error instanceof NotInProgress) return error.row;
    throw error;
  }
}

/** The citizen reached the end. Undefined when every question was skipped (nothing stored). */
export function finishInterview(
  db: KioskDatabase,
  draft: InterviewDraft,
  input: WriteInput,
): Promise<StoredResponse | undefined> {
  return endInterview(db, draft, "complete", input);
}

/** The citizen left (idle, or back from the first question): keep what they answered. */
export function abandonInterview(
  db: KioskDatabase,
  draft: InterviewDraft,
  input: WriteInput,
): Promise<StoredResponse | undefined> {
  return endInterview(db, draft, "abandoned", input);
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
