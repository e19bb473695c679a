import { describe, expect, it } from "vitest";
import { isUuidV7, newId } from "../../shared/ids.ts";
import {
  defaultOpeningHours,
  openingHoursProblems,
  weekdayOf,
} from "../../shared/opening-hours.ts";
import { answerCodes, questionCodes, questions } from "../../shared/questionnaire.ts";
import { isoWithOffset, utcOffsetMinutes } from "../../shared/response.ts";
import { seededRandom } from "../../sync-server/demo/random.ts";
import { localInstant } from "../../sync-server/demo/visits.ts";
import { canonicalJson } from "../../sync-server/ingest/response-row.ts";

describe("questionnaire", () => {
  it("defines every question once, with the study's Danish wording and codes", () => {
    expect(questions.map((q) => q.code)).toEqual([...questionCodes]);
    expect(questions[0]?.text.da).toBe("Fik du svar på eller ordnet det, du kom efter?");
    expect(answerCodes("guidance")).toEqual(["very_good", "good", "poor", "unacceptable"]);
    expect(questions.find((q) => q.code === "referred_ok")?.askedWhen).toMatchObject({
      question: "sent_on",
      answer: "yes",
    });
  });
});

describe("ids", () => {
  it("are UUIDv7, time-ordered, and can be made for a given instant", () => {
    const a = newId();
    const b = newId();
    expect(isUuidV7(a)).toBe(true);
    expect(a < b).toBe(true);
    expect(newId(Date.UTC(2026, 0, 1)).slice(0, 13)).toBe(
      Date.UTC(2026, 0, 1)
        .toString(16)
        .padStart(12, "0")
        .replace(/^(.{8})/, "$1-"),
    );
  });
});

describe("time zones", () => {
  it("write ISO 8601 with the zone's offset, winter and summer", () => {
    expect(isoWithOffset(new Date("2026-01-15T09:00:00Z"), "Europe/Copenhagen")).toBe(
      "2026-01-15T10:00:00.000+01:00",
    );
    expect(isoWithOffset(new Date("2026-07-15T09:00:00Z"), "Europe/Copenhagen")).toBe(
      "2026-07-15T11:00:00.000+02:00",
    );
    expect(utcOffsetMinutes(new Date("2026-07-15T09:00:00Z"), "America/St_Johns")).toBe(-150);
  });

  it("find the instant a local wall clock shows, across daylight saving", () => {
    expect(localInstant("2026-03-29", 10 * 60, "Europe/Copenhagen").toISOString()).toBe(
      "2026-03-29T08:00:00.000Z",
    );
    expect(localInstant("2026-03-28", 10 * 60, "Europe/Copenhagen").toISOString()).toBe(
      "2026-03-28T09:00:00.000Z",
    );
  });
});

describe("opening hours", () => {
  it("accept the default and explain what is wrong with a bad one", () => {
    expect(openingHoursProblems(defaultOpeningHours)).toEqual([]);
    const problems = openingHoursProblems({
      ...defaultOpeningHours,
      mon: [["15:00", "10:00"]],
      tue: [["9", "10:00"]],
      sun: undefined,
    });
    expect(problems).toEqual([
      "mon: 15:00 must be before 10:00",
      'tue: times must look like "10:00"',
      "sun: a list of [opens, closes] pairs is required",
    ]);
    expect(weekdayOf("2026-11-23")).toBe("mon");
  });
});

describe("canonical JSON", () => {
  it("is the same for the same content in any key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe("seeded random", () => {
  it("repeats for the same seed and draws Poisson counts near their mean", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    const draws = Array.from({ length: 2000 }, () => a.poisson(6));
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(6, 0);
  });
});
