import { describe, expect, it } from "vitest";
import { checkResponse, echoMaxLength } from "../../shared/contracts.ts";
import { defaultOpeningHours, openingHoursProblems } from "../../shared/opening-hours.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

/** Every own key Object.prototype has, plus the ones JSON.parse makes special. */
const prototypeKeys = [...Object.getOwnPropertyNames(Object.prototype), "__proto__", "prototype"];

/** A response whose answers carry `key` as an own property, exactly as JSON.parse builds it. */
function withAnswerKey(key: string, value: unknown): unknown {
  const payload = samplePayload(1);
  const json = JSON.stringify(payload).replace(
    '"answers":{',
    `"answers":{${JSON.stringify(key)}:${JSON.stringify(value)},`,
  );
  return JSON.parse(json);
}

describe("answers keys that name Object.prototype members", () => {
  it.each(prototypeKeys)("%s is an unknown question, not a crash", (key) => {
    for (const value of ["yes", [], {}, 1, null]) {
      const verdict = checkResponse(withAnswerKey(key, value));
      expect(verdict).toMatchObject({ ok: false, code: "unknown_question" });
    }
  });

  it.each(prototypeKeys)("%s at the top of a response is refused with a code", (key) => {
    const json = JSON.stringify(samplePayload(1)).replace("{", `{${JSON.stringify(key)}:"x",`);
    const verdict = checkResponse(JSON.parse(json));
    expect(verdict).toMatchObject({ ok: false, code: "invalid_response" });
  });
});

describe("free strings are bounded", () => {
  it("refuses a locale longer than a BCP 47 tag can be", () => {
    const locale = `da${"-abcdefgh".repeat(500_000)}`;
    expect(checkResponse({ ...samplePayload(1), locale })).toMatchObject({
      ok: false,
      code: "invalid_locale",
    });
    expect(checkResponse({ ...samplePayload(1), locale: "da-DK" }).ok).toBe(true);
    expect(checkResponse({ ...samplePayload(1), locale: "zh-Hant-TW" }).ok).toBe(true);
  });

  it("echoes no more than a short piece of a huge id or key", () => {
    const hugeId = checkResponse({ ...samplePayload(1), id: "x".repeat(1_000_000) });
    expect(hugeId).toMatchObject({ ok: false, code: "invalid_id" });
    if (hugeId.ok) return;
    expect(hugeId.id.length).toBeLessThanOrEqual(echoMaxLength);
    expect(hugeId.message.length).toBeLessThan(4 * echoMaxLength);

    const hugeKey = checkResponse(withAnswerKey("k".repeat(1_000_000), "yes"));
    expect(hugeKey).toMatchObject({ ok: false, code: "unknown_question" });
    if (!hugeKey.ok) expect(hugeKey.message.length).toBeLessThan(6 * echoMaxLength);
  });

  it("names a missing or non-string id plainly", () => {
    const { id: _id, ...noId } = samplePayload(1);
    expect(checkResponse(noId)).toMatchObject({
      code: "invalid_id",
      message: expect.stringContaining("no id"),
    });
    expect(checkResponse({ ...samplePayload(1), id: 7 })).toMatchObject({
      code: "invalid_id",
      message: expect.stringContaining("number"),
    });
  });
});

describe("opening hours from an admin's request", () => {
  it("name prototype keys and arrays as problems, not look-ups", () => {
    const week = JSON.parse(JSON.stringify(defaultOpeningHours)) as Record<string, unknown>;
    for (const key of ["__proto__", "constructor", "toString"]) {
      const hours = JSON.parse(JSON.stringify(week).replace("{", `{"${key}":{"mon":[]},`));
      expect(openingHoursProblems(hours)).toEqual([`${key}: not a day (mon … sun)`]);
    }
    // A week hidden behind __proto__ is not a week.
    expect(openingHoursProblems(JSON.parse(`{"__proto__":${JSON.stringify(week)}}`))).toContain(
      "mon: a list of [opens, closes] pairs is required",
    );
    expect(openingHoursProblems([])).toEqual(["opening hours must be an object"]);
    expect(openingHoursProblems(defaultOpeningHours)).toEqual([]);
  });
});
