import { describe, expect, it } from "vitest";
import { checkResponse, fastParse, responseSchema, timesOf } from "../../shared/contracts.ts";
import { isIsoWithOffset, parseIsoInstant } from "../../shared/iso-instant.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

describe("isIsoWithOffset", () => {
  it.each([
    "2026-11-23T10:15:02+01:00",
    "2026-11-23T10:15:02.120+01:00",
    "2026-11-23T09:15:02Z",
    "2026-11-23T10:15+01:00",
    "2024-02-29T10:00:00-03:30",
  ])("accepts %s", (value) => expect(isIsoWithOffset(value)).toBe(true));
  it.each([
    "2026-11-23T10:15:02",
    "2026-11-23 10:15:02+01:00",
    "2026-02-29T10:00:00+01:00",
    "2026-13-01T10:00:00Z",
    "2026-11-23T24:00:00Z",
    "2026-11-23T10:00:00+19:00",
    "23/11/2026",
    "0000-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "2026-11-23T10:00:00+01:75",
    "2026-04-31T10:00:00Z",
    "1900-02-29T10:00:00Z",
  ])("refuses %s", (value) => expect(isIsoWithOffset(value)).toBe(false));

  it.each([
    "2026-11-23T10:15:02+01:00",
    "2026-11-23T10:15:02.120+01:00",
    "2026-11-23T10:15:02.1+01:00",
    "2026-11-23T10:15:02.123987654-03:30",
    "2026-11-23T09:15:02.009Z",
    "2026-11-23T10:15+01:00",
    "2000-02-29T23:59:59.999+14:00",
    "2026-03-29T01:59:59-00:00",
  ])("reads %s as the instant Date.parse reads", (value) => {
    expect(parseIsoInstant(value)?.epochMs).toBe(Date.parse(value));
  });

  it("keeps the offset as written, in minutes east of UTC", () => {
    expect(parseIsoInstant("2026-11-23T10:15:02+01:00")?.offsetMinutes).toBe(60);
    expect(parseIsoInstant("2026-11-23T10:15:02-03:30")?.offsetMinutes).toBe(-210);
    expect(parseIsoInstant("2026-11-23T10:15:02Z")?.offsetMinutes).toBe(0);
    expect(Object.is(parseIsoInstant("2026-11-23T10:15:02-00:00")?.offsetMinutes, 0)).toBe(true);
  });
});

describe("checkResponse", () => {
  it("accepts a valid response, lower-cases its id and defaults flags", () => {
    const payload = samplePayload(1);
    const { flags: _flags, ...withoutFlags } = payload;
    const verdict = checkResponse({ ...withoutFlags, id: payload.id.toUpperCase() });
    expect(verdict).toEqual({
      ok: true,
      payload: { ...payload, flags: [] },
      times: {
        started: { epochMs: Date.parse(payload.startedAt), offsetMinutes: expect.any(Number) },
        finished: {
          epochMs: Date.parse(payload.finishedAt ?? ""),
          offsetMinutes: expect.any(Number),
        },
      },
    });
  });

  it("accepts an abandoned response with no answers and no finishedAt", () => {
    const verdict = checkResponse(
      samplePayload(2, { status: "abandoned", answers: {}, finishedAt: null }),
    );
    expect(verdict.ok).toBe(true);
  });

  it("says which field is wrong and how to fix it", () => {
    const verdict = checkResponse({ ...samplePayload(3), answers: { guidance: "great" } });
    expect(verdict).toMatchObject({ ok: false, code: "unknown_answer" });
    if (!verdict.ok) expect(verdict.message).toMatch(/answers\.guidance/);
  });

  it("refuses a finish before the start", () => {
    const payload = samplePayload(4);
    const verdict = checkResponse({ ...payload, finishedAt: "2000-01-01T00:00:00Z" });
    expect(verdict).toMatchObject({ ok: false, code: "invalid_timestamp" });
  });

  it("allows referred_ok when sent_on is yes, and reasons with could_be_better", () => {
    const verdict = checkResponse(
      samplePayload(5, {
        answers: {
          sent_on: "yes",
          referred_ok: "no",
          improve: "could_be_better",
          improve_reasons: ["other"],
        },
      }),
    );
    expect(verdict.ok).toBe(true);
  });

  it("refuses a reason listed twice", () => {
    const verdict = checkResponse(
      samplePayload(6, {
        answers: { improve: "could_be_better", improve_reasons: ["other", "other"] },
      }),
    );
    expect(verdict).toMatchObject({ ok: false, code: "unknown_answer" });
  });
});

describe("the fast path", () => {
  const base = samplePayload(7);
  const variants: [string, unknown][] = [
    ["valid", base],
    ["no flags", { ...base, flags: undefined }],
    ["finishedAt absent", { ...base, finishedAt: undefined }],
    ["abandoned, empty answers", { ...base, status: "abandoned", answers: {}, finishedAt: null }],
    ["suspect", { ...base, flags: ["suspect"] }],
    ["seq 0", { ...base, seq: 0 }],
    ["seq 1.5", { ...base, seq: 1.5 }],
    ["seq too big", { ...base, seq: 2 ** 31 }],
    ["seq string", { ...base, seq: "1" }],
    ["questionnaire string", { ...base, questionnaire: "1" }],
    ["locale upper", { ...base, locale: "DA" }],
    ["status", { ...base, status: "in_progress" }],
    ["startedAt local", { ...base, startedAt: "2026-11-23T10:00:00" }],
    ["finishedAt number", { ...base, finishedAt: 5 }],
    ["answers array", { ...base, answers: [] }],
    ["answers null", { ...base, answers: null }],
    ["unknown answer key", { ...base, answers: { mood: "ok" } }],
    ["bad code", { ...base, answers: { guidance: "great" } }],
    ["reasons not array", { ...base, answers: { improve_reasons: "other" } }],
    ["reasons unknown", { ...base, answers: { improve_reasons: ["faster"] } }],
    ["reasons twice", { ...base, answers: { improve_reasons: ["other", "other"] } }],
    ["text number", { ...base, answers: { improve_text: 5 } }],
    ["text NUL", { ...base, answers: { improve_text: "a\u0000b" } }],
    ["text 501", { ...base, answers: { improve_text: "ø".repeat(501) } }],
    ["text 500 astral", { ...base, answers: { improve_text: "😀".repeat(500) } }],
    ["flags two", { ...base, flags: ["suspect", "suspect"] }],
    ["flags other", { ...base, flags: ["vip"] }],
    ["flags null", { ...base, flags: null }],
    ["extra field", { ...base, extra: true }],
    ["not an object", "text"],
    ["array", [base]],
  ];
  it("reads the same instants as the schema path", () => {
    const fast = fastParse(base);
    expect(fast?.times).toEqual(timesOf(base));
  });

  it.each(variants)("agrees with the schema: %s", (_name, raw) => {
    expect(fastParse(raw) !== undefined).toBe(responseSchema.safeParse(raw).success);
  });
});
