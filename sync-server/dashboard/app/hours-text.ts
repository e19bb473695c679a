import type { OpeningHours, Weekday } from "../api/types.ts";

/** Opening hours as the admin types them, "10:00-15:00, 16:00-18:00" per day (pure; unit-tested). */

export const weekdayOrder: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export function hoursToText(intervals: readonly [string, string][]): string {
  return intervals.map(([opens, closes]) => `${opens}-${closes}`).join(", ");
}

/** The intervals of one day's text, or null when it cannot be read ("" is closed). */
export function textToHours(text: string): [string, string][] | null {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const intervals: [string, string][] = [];
  for (const part of trimmed.split(/[,;]/)) {
    const match = /^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$/.exec(part);
    if (!match) return null;
    const [, h1 = "", m1 = "", h2 = "", m2 = ""] = match;
    const opens = `${h1.padStart(2, "0")}:${m1}`;
    const closes = `${h2.padStart(2, "0")}:${m2}`;
    if (Number(h1) > 23 || Number(h2) > 23 || Number(m1) > 59 || Number(m2) > 59) return null;
    if (closes <= opens) return null;
    intervals.push([opens, closes]);
  }
  return intervals;
}

/** A whole week from per-day texts; null when any day cannot be read. */
export function weekFromTexts(texts: Record<Weekday, string>): OpeningHours | null {
  const week: Partial<OpeningHours> = {};
  for (const day of weekdayOrder) {
    const intervals = textToHours(texts[day]);
    if (intervals === null) return null;
    week[day] = intervals;
  }
  return week as OpeningHours;
}

export function textsFromWeek(hours: OpeningHours): Record<Weekday, string> {
  return Object.fromEntries(weekdayOrder.map((d) => [d, hoursToText(hours[d] ?? [])])) as Record<
    Weekday,
    string
  >;
}
