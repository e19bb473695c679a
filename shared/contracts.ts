import { z } from "zod";
import { answerIssueCode, answerRuleBroken, answersSchema, answersValid } from "./answers-check.ts";
import type { ErrorCode } from "./errors.ts";
import { isUuid, isUuidV7 } from "./ids.ts";
import { type IsoInstant, isIsoWithOffset, parseIsoInstant } from "./iso-instant.ts";
import { type LocalAnswers, localAnswersShapeProblem } from "./local-questions.ts";
import { isKnownVersion, questionnaireVersions } from "./questionnaire.ts";
import type { Answers, ResponsePayload } from "./response.ts";

export { characterCount } from "./answers-check.ts";

export {
  type ErrorBody,
  kioskBatchSize,
  kioskVersionHeader,
  parseErrorBody,
  parseSyncReply,
  type Rejection,
  type SeqRange,
  type SyncReply,
} from "./sync-reply.ts";

/**
 * The sync wire contract (POST /api/v1/sync, docs/api.md), shared by the server that checks it
 * and the kiosk that speaks it. Responses are checked one by one so that one bad item is
 * rejected with its own code while its neighbours are stored.
 */

/** Most responses one request may carry; the kiosk sends at most kioskBatchSize. */
export const maxResponsesPerRequest = 1000;
/** Questionnaire versions the server can store. */
export const knownQuestionnaires: readonly number[] = questionnaireVersions;

const isoWithOffset = z.string().refine(isIsoWithOffset, {
  error: "must be ISO 8601 with a UTC offset, e.g. 2026-11-23T10:15:02+01:00",
});

// A BCP 47 tag; 35 characters is RFC 5646's longest tag a language needs (section 4.4.1).
const localePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/;
export const localeMaxLength = 35;
const isLocale = (value: string) => value.length <= localeMaxLength && localePattern.test(value);
const maxSeq = 2_147_483_647;

export const responseSchema = z.strictObject({
  id: z.string(),
  seq: z.int().min(1).max(maxSeq),
  questionnaire: z.int(),
  locale: z.string().max(localeMaxLength).regex(localePattern),
  status: z.enum(["complete", "abandoned"]),
  startedAt: isoWithOffset,
  finishedAt: isoWithOffset.nullable().default(null),
  answers: answersSchema,
  flags: z
    .array(z.enum(["suspect"]))
    .max(1)
    .default([]),
  // Which local questions a site asks is the server's to check (ingest/local-answers.ts).
  local: z
    .custom<LocalAnswers>((value) => localAnswersShapeProblem(value) === undefined, {
      error: "must be an object of at most three question version ids → answer codes",
    })
    .optional(),
});

export const syncRequestSchema = z.object({
  sentAt: isoWithOffset,
  responses: z.array(z.unknown()),
  /** Optional; when present it must be the token's own kiosk (else 403). */
  kioskId: z.string().optional(),
  siteId: z.string().optional(),
});
export type SyncRequest = {
  sentAt: string;
  responses: ResponsePayload[];
  kioskId?: string;
  siteId?: string;
};

/** The instants a valid response's timestamps name, read while checking them. */
export type ResponseTimes = { started: IsoInstant; finished: IsoInstant | null };

export type ItemVerdict =
  | { ok: true; payload: ResponsePayload; times: ResponseTimes }
  | { ok: false; id: string; code: ErrorCode; message: string };

/** The code for the first thing wrong, judged by where in the item it is. */
function codeFor(issue: z.core.$ZodIssue): ErrorCode {
  const [field, answer] = issue.path;
  switch (field) {
    case "id":
      return "invalid_id";
    case "seq":
      return "invalid_seq";
    case "questionnaire":
      return "unknown_questionnaire";
    case "locale":
      return "invalid_locale";
    case "status":
      return "invalid_status";
    case "startedAt":
    case "finishedAt":
      return "invalid_timestamp";
    case "flags":
      return "invalid_flag";
    case "local":
      return "invalid_local_answers";
    case "answers":
      if (issue.code === "unrecognized_keys") return "unknown_question";
      return answerIssueCode(answer, issue.message);
    default:
      return "invalid_response";
  }
}

/** Longest piece of the client's own input a rejection echoes (an id, a key, a message). */
export const echoMaxLength = 100;

/** At most `max` code points of `text`, marked with … when cut: replies never grow with input. */
export function clip(text: string, max = echoMaxLength): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

function describe(issue: z.core.$ZodIssue): string {
  const where = clip(issue.path.map(String).join("."));
  // Zod quotes unknown keys in its message; a key can be as long as the body.
  const message = clip(issue.message, 4 * echoMaxLength);
  return where ? `${where}: ${message}` : message;
}

const responseKeys = new Set(Object.keys(responseSchema.shape));
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The common case, a valid response, checked without building zod's issue objects: it runs
 * for every response ingested. Exactly as strict as responseSchema; anything it does not
 * accept goes through the schema, which then names what is wrong.
 */
export function fastParse(
  raw: unknown,
): { fields: Omit<ResponsePayload, "id">; times: ResponseTimes } | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const key of Object.keys(raw)) if (!responseKeys.has(key)) return undefined;
  const { seq, questionnaire, locale, status, startedAt, finishedAt, answers, flags, local } = raw;
  if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 1 || seq > maxSeq)
    return undefined;
  if (typeof questionnaire !== "number" || !Number.isSafeInteger(questionnaire)) return undefined;
  if (typeof locale !== "string" || !isLocale(locale)) return undefined;
  if (status !== "complete" && status !== "abandoned") return undefined;
  if (typeof startedAt !== "string") return undefined;
  const finished = finishedAt ?? null;
  if (finished !== null && typeof finished !== "string") return undefined;
  const times = timesOf({ startedAt, finishedAt: finished });
  if (times === undefined) return undefined;
  if (!isPlainObject(answers) || !answersValid(answers)) return undefined;
  const flagList = flags === undefined ? [] : flags;
  if (!Array.isArray(flagList) || flagList.length > 1) return undefined;
  if (!flagList.every((flag) => flag === "suspect")) return undefined;
  if (local !== undefined && localAnswersShapeProblem(local) !== undefined) return undefined;
  return {
    fields: {
      seq,
      questionnaire,
      locale,
      status,
      startedAt,
      finishedAt: finished,
      answers: { ...answers } as Answers,
      flags: [...flagList],
      // Keys were checked to be UUIDs: copying them cannot reach Object.prototype.
      ...(local === undefined ? {} : { local: { ...(local as LocalAnswers) } }),
    },
    times,
  };
}

/** The instants of two timestamps, or undefined when either is not a real ISO 8601 one. */
export function timesOf(
  fields: Pick<ResponsePayload, "startedAt" | "finishedAt">,
): ResponseTimes | undefined {
  const started = parseIsoInstant(fields.startedAt);
  const finished = fields.finishedAt === null ? null : parseIsoInstant(fields.finishedAt);
  return started && finished !== undefined ? { started, finished } : undefined;
}

function reject(id: string, code: ErrorCode, message: string): ItemVerdict {
  return { ok: false, id, code, message };
}

/** Checks one response as sent; ids are lower-cased so that PostgreSQL's form matches. */
export function checkResponse(raw: unknown): ItemVerdict {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = typeof rawId === "string" ? rawId : "";
  if (!isUuid(id)) {
    const message =
      typeof rawId === "string"
        ? `id ${JSON.stringify(clip(rawId))} is not a UUID.`
        : rawId === undefined
          ? "The response has no id; give it a UUIDv7."
          : `id is a ${rawId === null ? "null" : typeof rawId}, not a UUID string.`;
    return reject(clip(id), "invalid_id", message);
  }
  if (!isUuidV7(id.toLowerCase())) {
    return reject(
      id,
      "id_not_uuidv7",
      `id ${id} is a UUID of version ${id[14]}; make ids as UUIDv7 (time-ordered).`,
    );
  }
  const fast = fastParse(raw);
  const parsed = fast ? undefined : responseSchema.safeParse(raw);
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return reject(id, "invalid_response", "The response is not valid.");
    return reject(id, codeFor(issue), describe(issue));
  }
  const fields = fast?.fields ?? parsed?.data;
  if (!fields) return reject(id, "invalid_response", "The response is not valid.");
  const times = fast?.times ?? timesOf(fields);
  if (!times) return reject(id, "invalid_timestamp", "startedAt or finishedAt is not valid.");
  const payload: ResponsePayload = { ...fields, id: id.toLowerCase() };
  if (!isKnownVersion(payload.questionnaire)) {
    return reject(
      id,
      "unknown_questionnaire",
      `questionnaire ${payload.questionnaire} is not known; this server knows ${knownQuestionnaires.join(", ")}.`,
    );
  }
  const broken = answerRuleBroken(payload.answers, payload.questionnaire);
  if (broken) return reject(id, broken.code, broken.message);
  if (times.finished !== null && times.finished.epochMs < times.started.epochMs) {
    return reject(id, "invalid_timestamp", "finishedAt is earlier than startedAt.");
  }
  return { ok: true, payload, times };
}
