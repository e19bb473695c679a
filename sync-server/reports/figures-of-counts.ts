import { hiddenAlone, hiddenInMargin } from "../../shared/disclosure.ts";
import { guidanceFigures, questionFigures } from "../../shared/figures.ts";
import { answerCodes, type QuestionCode } from "../../shared/questionnaire.ts";
import type { QuestionsBlock } from "../../shared/report-contract.ts";

export type { QuestionsBlock };

export type Counts = Record<string, number>;

/** The questions a report shows, each with its own n (and so its own disclosure verdict). */
export const reportQuestions = [
  "got_help",
  "sent_on",
  "referred_ok",
  "guidance",
  "seen_heard",
  "improve",
  "improve_reasons",
] as const satisfies readonly QuestionCode[];
export type ReportQuestion = (typeof reportQuestions)[number];

/** Per question: whether the disclosure rule hides it in this group. */
export type Hidden = Record<ReportQuestion, boolean>;

/** The counts of one question, by answer code, out of a row keyed "<question>.<answer>". */
export function answerCounts(row: Counts, question: ReportQuestion): Counts {
  const counts: Counts = {};
  for (const code of answerCodes(question)) counts[code] = row[`${question}.${code}`] ?? 0;
  return counts;
}

/** How many in the row answered the question (improve_reasons: those who chose could_be_better). */
export function answersTo(row: Counts, question: ReportQuestion): number {
  if (question === "improve_reasons") return row["improve.could_be_better"] ?? 0;
  return answerCodes(question).reduce((sum, code) => sum + (row[`${question}.${code}`] ?? 0), 0);
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

const verdicts = (decide: (question: ReportQuestion) => boolean): Hidden =>
  Object.fromEntries(reportQuestions.map((question) => [question, decide(question)])) as Hidden;

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
      indexes.map((index) => rows[index] ?? {}),
      k,
    );
    indexes.forEach((index, position) => {
      result[index] = verdictsOfPart[position] ?? verdicts(() => false);
    });
  }
  return result;
}

/** Figures for every question of one group, as the disclosure verdicts allow. */
export function questionsOf(row: Counts, hidden: Hidden): QuestionsBlock {
  const single = (question: Exclude<ReportQuestion, "guidance" | "improve_reasons">) =>
    questionFigures(answerCodes(question), answerCounts(row, question), {
      hidden: hidden[question],
    });
  return {
    got_help: single("got_help"),
    sent_on: single("sent_on"),
    referred_ok: single("referred_ok"),
    guidance: guidanceFigures(answerCodes("guidance"), answerCounts(row, "guidance"), {
      hidden: hidden.guidance,
    }),
    seen_heard: single("seen_heard"),
    improve: single("improve"),
    improve_reasons: questionFigures(
      answerCodes("improve_reasons"),
      answerCounts(row, "improve_reasons"),
      { n: answersTo(row, "improve_reasons"), hidden: hidden.improve_reasons },
    ),
  };
}
