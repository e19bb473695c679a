import { newId } from "../../shared/ids.ts";
import { minutesOfDay, type OpeningHours, weekdayOf } from "../../shared/opening-hours.ts";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import { isoWithOffset, type ResponsePayload, utcOffsetMinutes } from "../../shared/response.ts";
import { drawAnswers, truncateAnswers } from "./interviews.ts";
import { drawErrand } from "./local-question.ts";
import type { Random } from "./random.ts";

export type DemoKiosk = {
  timezone: string;
  openingHours: OpeningHours;
  visitsPerOpenHour: number;
  /** The version id of the local question its site asks (local-question.ts), if any. */
  localVersionId?: string;
};

/** The instant a wall clock in timeZone shows localDate at minuteOfDay. */
export function localInstant(localDate: string, minuteOfDay: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = localDate.split("-").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const guess = asUtc - utcOffsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return new Date(asUtc - utcOffsetMinutes(new Date(guess), timeZone) * 60_000);
}

function shiftDate(localDate: string, days: number): string {
  const date = new Date(`${localDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Busier around lunch (11–13), when people come on their break. */
function hourWeight(minute: number): number {
  const hour = minute / 60;
  return hour >= 11 && hour < 13 ? 1.8 : hour < 10.5 ? 0.7 : 1;
}

/** Mondays are crowded after the weekend and score a little lower; Thursdays' long day helps. */
const weekdayMood: Record<string, number> = {
  mon: -0.5,
  tue: 0,
  wed: 0.1,
  thu: 0.2,
  fri: 0,
  sat: 0,
  sun: 0,
};

/** Interview start times for one open day, sorted, within the opening hours. */
function visitTimes(random: Random, kiosk: DemoKiosk, localDate: string): number[] {
  const intervals = kiosk.openingHours[weekdayOf(localDate)];
  const minutes: number[] = [];
  for (const [opens, closes] of intervals) {
    const start = minutesOfDay(opens);
    const end = minutesOfDay(closes);
    for (let minute = start; minute < end; minute += 60) {
      const span = Math.min(60, end - minute);
      const mean = (kiosk.visitsPerOpenHour * span * hourWeight(minute)) / 60;
      for (let i = random.poisson(mean); i > 0; i -= 1) minutes.push(minute + random.next() * span);
    }
  }
  return minutes.sort((a, b) => a - b);
}

/**
 * Plausible interviews for one kiosk over the days up to now, in the order the kiosk made
 * them (seq 1, 2, 3 …). The whole period drifts slowly better, as a desk that acts on its
 * feedback would.
 */
export function demoInterviews(
  random: Random,
  kiosk: DemoKiosk,
  range: { firstDate: string; days: number; now: Date },
): { payload: ResponsePayload; finishedAt: Date }[] {
  const interviews: { payload: ResponsePayload; finishedAt: Date }[] = [];
  let seq = 0;
  for (let day = 0; day < range.days; day += 1) {
    const localDate = shiftDate(range.firstDate, day);
    const drift = (day / range.days - 0.5) * 0.6;
    for (const minute of visitTimes(random, kiosk, localDate)) {
      const startedAt = localInstant(localDate, 0, kiosk.timezone);
      startedAt.setTime(startedAt.getTime() + Math.round(minute * 60_000));
      const abandoned = random.chance(0.07);
      const suspect = !abandoned && random.chance(0.01);
      const durationMs = suspect ? random.int(1500, 3500) : random.int(14_000, 45_000);
      const finishedAt = new Date(startedAt.getTime() + durationMs + (abandoned ? 60_000 : 0));
      if (finishedAt > range.now) continue;
      const errand = drawErrand(random);
      const mood =
        (weekdayMood[weekdayOf(localDate)] ?? 0) +
        drift +
        errand.mood +
        (random.next() - 0.5) * 0.4;
      const answers = drawAnswers(random, mood);
      // Asked after the core questions: an abandoned interview never reached it.
      const local =
        kiosk.localVersionId && !abandoned && errand.answered
          ? { local: { [kiosk.localVersionId]: errand.code } }
          : {};
      seq += 1;
      interviews.push({
        finishedAt,
        payload: {
          id: newId(startedAt.getTime()),
          seq,
          questionnaire: questionnaireVersion,
          locale: random.pick([
            ["da", 90],
            ["en", 4],
            ["uk", 2],
            ["ar", 2],
            ["pl", 1],
            ["tr", 1],
          ] as const),
          status: abandoned ? "abandoned" : "complete",
          startedAt: isoWithOffset(startedAt, kiosk.timezone),
          finishedAt: isoWithOffset(finishedAt, kiosk.timezone),
          answers: abandoned ? truncateAnswers(answers, random) : answers,
          flags: suspect ? ["suspect"] : [],
          ...local,
        },
      });
    }
  }
  return interviews;
}

export { shiftDate };
