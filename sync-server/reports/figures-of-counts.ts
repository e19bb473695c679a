import {
  type CountValue,
  type GuidanceFigures,
  guidanceFigures,
  type QuestionFigures,
  questionFigures,
  shownCount,
} from "../../shared/figures.ts";
import { answerCodes } from "../../shared/questionnaire.ts";
import type { CountRow } from "../queries/report-rollups.ts";

/** The report's questions block: one entry per choice question of the questionnaire. */
export type QuestionsBlock = {
  got_help: QuestionFigures;
  sent_on: QuestionFigures;
  referred_ok: QuestionFigures;
  guidance: GuidanceFigures;
  seen_heard: QuestionFigures;
  improve: QuestionFigures;
  improve_reasons: QuestionFigures;
};

export type Counts = Record<string, number>;

/** The counts of one question, by answer code, out of a row keyed "<question>.<answer>". */
export function answerCounts(row: Counts, question: string): Counts {
  const counts: Counts = {};
  for (const code of answerCodes(question as Parameters<typeof answerCodes>[0])) {
    counts[code] = row[`${question}.${code}`] ?? 0;
  }
  return counts;
}

/** Adds rows of counts together (the whole selection is the sum of its days). */
export function sumCounts(rows: readonly Counts[]): Counts {
  const total: Counts = {};
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === "number") total[key] = (total[key] ?? 0) + value;
    }
  }
  return total;
}

/**
 * Figures for every question from summed counts. `suppress` applies the small-number rule (for
 * breakdowns finer than the whole selection). improve_reasons are shares of those who chose
 * could_be_better, so their n is that count, not the number of ticks.
 */
export function questionsOf(row: Counts, suppress: boolean): QuestionsBlock {
  const single = (code: string) =>
    questionFigures(answerCodes(code as "got_help"), answerCounts(row, code), { suppress });
  return {
    got_help: single("got_help"),
    sent_on: single("sent_on"),
    referred_ok: single("referred_ok"),
    guidance: guidanceFigures(answerCodes("guidance"), answerCounts(row, "guidance"), { suppress }),
    seen_heard: single("seen_heard"),
    improve: single("improve"),
    improve_reasons: questionFigures(
      answerCodes("improve_reasons"),
      answerCounts(row, "improve_reasons"),
      { n: row["improve.could_be_better"] ?? 0, suppress },
    ),
  };
}

export type Breakdown = { responses: CountValue; questions: QuestionsBlock };

/** One row of a breakdown (a day, a site, a kiosk): always under the small-number rule. */
export function breakdownOf(row: CountRow | Counts): Breakdown {
  return {
    responses: shownCount(row.responses ?? 0, true),
    questions: questionsOf(row, true),
  };
}
