import {
  answerCounts,
  answersTo,
  type Counts,
  emptyCounts,
  sumCounts,
} from "../../shared/counts.ts";
import { hiddenAlone, hiddenInMargin } from "../../shared/disclosure.ts";
import { guidanceFigures, questionFigures } from "../../shared/figures.ts";
import { type ChoiceCode, choiceQuestions } from "../../shared/questionnaire.ts";
import type { QuestionsBlock } from "../../shared/report-contract.ts";

export { answerCounts, answersTo, type Counts, emptyCounts, type QuestionsBlock, sumCounts };

/** The questions a report shows, each with its own n (and so its own disclosure verdict). */
export const reportQuestions: readonly ChoiceCode[] = choiceQuestions.map(
  (question) => question.code,
);
export type ReportQuestion = ChoiceCode;

/** Per question: whether the disclosure rule hides it in this group. */
export type Hidden = Record<ReportQuestion, boolean>;

// A year's report asks for a verdict per question and day (~3 000): a plain loop, no arrays.
const verdicts = (decide: (question: ReportQuestion) => boolean): Hidden => {
  const hidden: Partial<Hidden> = {};
  for (const question of reportQuestions) hidden[question] = decide(question);
  return hidden as Hidden;
};

/** The safe fallback where a verdict is missing: hide everything. */
export const hideAll: Hidden = verdicts(() => true);

/** A group shown on its own (the whole selection, today): the primary rule only. */
export function hiddenOfSelection(row: Counts, k: number): Hidden {
  return verdicts((question) => hiddenAlone(answersTo(row, question), k));
}

/**
 * The groups of one margin (the days of a range, the sites, the kiosks of a site, the heatmap's
 * cells with the answers outside opening hours): primary and secondary suppression per question.
 */
export function hiddenOfMargin(rows: readonly Counts[], k: number): Hidden[] {
  const perQuestion = Object.fromEntries(
    reportQuestions.map((question) => [
      question,
      hiddenInMargin(
        rows.map((row) => answersTo(row, question)),
        k,
      ),
    ]),
  ) as Record<ReportQuestion, boolean[]>;
  return rows.map((_, index) => verdicts((question) => perQuestion[question][index] === true));
}

/**
 * Several margins at once (the kiosks of each site): groups are partitioned by `marginOf` and
 * each part suppressed on its own; the result is in the rows' order.
 */
export function hiddenOfMargins(
  rows: readonly Counts[],
  marginOf: (index: number) => string,
  k: number,
): Hidden[] {
  const parts = new Map<string, number[]>();
  rows.forEach((_, index) => {
    const key = marginOf(index);
    parts.set(key, [...(parts.get(key) ?? []), index]);
  });
  const result: Hidden[] = rows.map(() => verdicts(() => false));
  for (const indexes of parts.values()) {
    const verdictsOfPart = hiddenOfMargin(
      indexes.map((index) => rows[index] ?? emptyCounts()),
      k,
    );
    indexes.forEach((index, position) => {
      result[index] = verdictsOfPart[position] ?? verdicts(() => false);
    });
  }
  return result;
}

/** Figures for every question of one group, as the disclosure verdicts allow. */
// Each question's answer codes, worked out once: questionsOf runs for every day of a report.
const figureQuestions = choiceQuestions.map((question) => ({
  code: question.code,
  codes: question.answers.map((answer) => answer.code),
}));

export function questionsOf(row: Counts, hidden: Hidden): QuestionsBlock {
  const block: Record<string, unknown> = {};
  for (const { code, codes } of figureQuestions) {
    const counts: Readonly<Record<string, number>> = answerCounts(row, code);
    block[code] =
      code === "guidance"
        ? guidanceFigures(codes, counts, { hidden: hidden[code] })
        : questionFigures(codes, counts, { hidden: hidden[code], n: answersTo(row, code) });
  }
  // One entry per choice question, the guidance one with its top two (QuestionsBlock's shape).
  return block as QuestionsBlock;
}
