import { hash } from "node:crypto";
import { offsetOfIso, type ResponsePayload } from "../../shared/response.ts";
import type { ResponseRow } from "../queries/responses.ts";
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

/** The answers' keys in canonical (sorted) order. */
const answerKeys = [
  "got_help",
  "guidance",
  "improve",
  "improve_reasons",
  "improve_text",
  "referred_ok",
  "seen_heard",
  "sent_on",
] as const;

/**
 * canonicalJson of a validated payload (known keys only), written out field by field: the same
 * string, several times faster, for the hash every ingested response needs.
 */
export function canonicalPayloadJson(payload: ResponsePayload): string {
  let answers = "";
  for (const key of answerKeys) {
    const value = payload.answers[key];
    if (value === undefined) continue;
    answers += `${answers ? "," : ""}"${key}":${typeof value === "string" ? JSON.stringify(value) : canonicalJson(value)}`;
  }
  return `{"answers":{${answers}},"finishedAt":${JSON.stringify(payload.finishedAt)},"flags":${canonicalJson(payload.flags)},"id":${JSON.stringify(payload.id)},"locale":${JSON.stringify(payload.locale)},"questionnaire":${payload.questionnaire},"seq":${payload.seq},"startedAt":${JSON.stringify(payload.startedAt)},"status":${JSON.stringify(payload.status)}}`;
}

export function contentHash(payload: ResponsePayload): Buffer {
  // One-shot hash(): a Hash object per response cost more than the SHA-256 itself.
  return hash("sha256", canonicalPayloadJson(payload), "buffer");
}

/**
 * Maps a (validated) payload to its stored row. Free text is scrubbed here, on the one path
 * every response takes; the content hash is of the payload as sent, so a resend of the same
 * response is a duplicate even though the stored text differs from the sent one.
 */
export function toResponseRow(
  payload: ResponsePayload,
  receipt: { receivedAt: Date; clockOffsetMs: number | null },
): ResponseRow {
  const { answers } = payload;
  return {
    id: payload.id,
    seq: payload.seq,
    questionnaire: payload.questionnaire,
    locale: payload.locale,
    status: payload.status,
    startedAt: new Date(payload.startedAt),
    startedUtcOffset: offsetOfIso(payload.startedAt) ?? 0,
    finishedAt: payload.finishedAt === null ? null : new Date(payload.finishedAt),
    finishedUtcOffset: payload.finishedAt === null ? null : (offsetOfIso(payload.finishedAt) ?? 0),
    clockOffsetMs: receipt.clockOffsetMs,
    receivedAt: receipt.receivedAt,
    gotHelp: answers.got_help ?? null,
    sentOn: answers.sent_on ?? null,
    referredOk: answers.referred_ok ?? null,
    guidance: answers.guidance ?? null,
    seenHeard: answers.seen_heard ?? null,
    improve: answers.improve ?? null,
    improveReasons: answers.improve_reasons ?? null,
    improveText: answers.improve_text === undefined ? null : scrubText(answers.improve_text),
    flags: payload.flags,
    contentHash: contentHash(payload),
  };
}
