import { type ResponseTimes, timesOf } from "../../shared/contracts.ts";
import { type Answers, questions } from "../../shared/questionnaire.ts";
import type { ResponsePayload } from "../../shared/response.ts";
import type { ResponseRow } from "../queries/responses.ts";
import { contentDigest, type FingerprintKeys, keyedFingerprint } from "./fingerprint.ts";
import { scrubText } from "./scrub.ts";

/**
 * JSON with object keys sorted at every level, so equal content always hashes equal. Written
 * as plain loops: it runs for every response ingested and was the costliest step of a batch.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** The answers' keys in canonical (sorted) order, each with how its value is written. */
const answerKeys = questions
  .map((question) => ({ code: question.code, free: question.kind === "text" }))
  .sort((a, b) => (a.code < b.code ? -1 : 1));

/** A JSON string of a value validation has already limited to [A-Za-z0-9:.+_-]: nothing to escape. */
const plain = (value: string) => `"${value}"`;

/**
 * canonicalJson of a validated payload, written out field by field: the same string, several
 * times faster, for the hash every ingested response needs. Only free text can hold characters
 * JSON must escape; ids, codes, locales and timestamps were checked against patterns that
 * exclude them. Answers holding a key the questionnaire does not know (validation lets none
 * through) take the generic path rather than being dropped, so that different content never
 * hashes the same.
 */
export function canonicalPayloadJson(payload: ResponsePayload): string {
  let answers = "";
  let written = 0;
  for (const { code, free } of answerKeys) {
    const value: string | readonly string[] | undefined = payload.answers[code];
    if (value === undefined) continue;
    written += 1;
    const json =
      typeof value === "string"
        ? free
          ? JSON.stringify(value)
          : plain(value)
        : `[${value.map(plain).join(",")}]`;
    answers += `${answers ? "," : ""}"${code}":${json}`;
  }
  if (written !== definedKeys(payload.answers)) return canonicalJson(payload);
  const finishedAt = payload.finishedAt === null ? "null" : plain(payload.finishedAt);
  const flags = `[${payload.flags.map(plain).join(",")}]`;
  // Local answers (keys: UUIDs, values: codes, both checked) sort between id and locale; a
  // response without them hashes exactly as before they existed.
  const given = payload.local;
  const local =
    given === undefined
      ? ""
      : `"local":{${Object.keys(given)
          .sort()
          .map((key) => `${plain(key)}:${plain(given[key] ?? "")}`)
          .join(",")}},`;
  return `{"answers":{${answers}},"finishedAt":${finishedAt},"flags":${flags},"id":${plain(payload.id)},${local}"locale":${plain(payload.locale)},"questionnaire":${payload.questionnaire},"seq":${payload.seq},"startedAt":${plain(payload.startedAt)},"status":${plain(payload.status)}}`;
}

function definedKeys(record: object): number {
  let count = 0;
  for (const value of Object.values(record)) if (value !== undefined) count += 1;
  return count;
}

/** SHA-256 of the canonical payload as sent, hex (fingerprint.ts keys it before storing). */
export function payloadDigest(payload: ResponsePayload): string {
  return contentDigest(canonicalPayloadJson(payload));
}

/**
 * Maps a (validated) payload to its stored row. Free text is scrubbed here, on the one path
 * every response takes; the fingerprint is of the payload as sent, so a resend of the same
 * response is a duplicate even though the stored text differs from the sent one, and it is
 * keyed (fingerprint.ts), so it cannot be used to recover what scrubbing removed. `times` are
 * the instants validation already read (checkResponse); without them they are read here.
 */
export function toResponseRow(
  payload: ResponsePayload,
  keys: FingerprintKeys,
  times: ResponseTimes | undefined = timesOf(payload),
): ResponseRow {
  if (!times) throw new Error(`response ${payload.id} has timestamps that are not valid`);
  const { answers } = payload;
  const digest = payloadDigest(payload);
  return {
    id: payload.id,
    seq: payload.seq,
    questionnaire: payload.questionnaire,
    locale: payload.locale,
    status: payload.status,
    startedAtMs: times.started.epochMs,
    startedUtcOffset: times.started.offsetMinutes,
    finishedAtMs: times.finished?.epochMs ?? null,
    finishedUtcOffset: times.finished?.offsetMinutes ?? null,
    answers: storedAnswers(answers),
    flags: payload.flags,
    ...(payload.local === undefined ? {} : { local: payload.local }),
    contentDigest: digest,
    contentHash: keyedFingerprint(keys.current.secret, digest),
    contentKey: keys.current.id,
  };
}

/** The answers as stored: free text scrubbed, everything else as sent. */
function storedAnswers(answers: Answers): Answers {
  const stored: Answers = { ...answers };
  for (const question of questions) {
    const value = answers[question.code];
    if (question.kind === "text" && typeof value === "string")
      Object.assign(stored, { [question.code]: scrubText(value) });
  }
  return stored;
}
