import { createHash } from "node:crypto";
import { offsetOfIso, type ResponsePayload } from "../../shared/response.ts";
import type { ResponseRow } from "../queries/responses.ts";

/** JSON with object keys sorted at every level, so equal content always hashes equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(payload: ResponsePayload): Buffer {
  return createHash("sha256").update(canonicalJson(payload)).digest();
}

/** Maps a (validated) payload to its stored row. */
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
    improveText: answers.improve_text ?? null,
    flags: payload.flags,
    contentHash: contentHash(payload),
  };
}
