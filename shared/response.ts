import type { LocalAnswers } from "./local-questions.ts";

/**
 * One interview as the kiosk sends it (see docs/api.md). Answers omit skipped questions and
 * questions not asked; codes are the questionnaire's.
 */
import type { Answers } from "./questionnaire.ts";
import { wallClock } from "./zone-format.ts";

export type { Answers };

export type ResponseStatus = "complete" | "abandoned";
export type ResponseFlag = "suspect";

export type ResponsePayload = {
  id: string;
  seq: number;
  questionnaire: number;
  locale: string;
  status: ResponseStatus;
  /** ISO 8601 with the device's UTC offset, e.g. 2026-11-23T10:15:02.120+01:00 */
  startedAt: string;
  finishedAt: string | null;
  answers: Answers;
  flags: ResponseFlag[];
  /** Answers to the site's local questions, by question version id (shared/local-questions.ts). */
  local?: LocalAnswers;
};

/** ISO 8601 with the UTC offset a device in timeZone would show at that instant. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offsetMinutes = utcOffsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export function utcOffsetMinutes(date: Date, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}
