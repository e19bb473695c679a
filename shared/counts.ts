import {
  type AnswerCode,
  type ChoiceCode,
  choiceQuestions,
  type MultiChoice,
  type MultiCode,
  sinceOf,
} from "./questionnaire.ts";

/**
 * A group's counts, typed by question and answer (counts.answers.guidance.very_good), as the
 * report rollups hold them. Derived from the questionnaire: a question or answer added there is
 * a key here, a rollup column (sync-server/queries/rollup-columns.ts) and a figure.
 */
export type AnswerCounts = { [C in ChoiceCode]: Record<AnswerCode<C>, number> };
export type Counts = {
  /** Citizens in the group (those who answered anything). */
  responses: number;
  answers: AnswerCounts;
  /** Per multi-choice question: how many were asked it, its N (a citizen may tick several). */
  asked: Record<MultiCode, number>;
};

/** A rollup column name is a plain SQL identifier made of questionnaire codes. */
const identifier = /^[a-z][a-z0-9_]*$/;
function checked(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a column name: ${name}`);
  return name;
}

/** The rollup column counting one answer, e.g. got_help_yes, improve_reasons_other. */
export const answerColumnName = (question: string, answer: string) =>
  checked(`${question}_${answer}`);
/** The rollup column counting who was asked a multi-choice question added after version 1. */
export const askedColumnName = (question: string) => checked(`${question}_asked`);

/**
 * Where a multi-choice question's N comes from. One asked since version 1 is asked exactly
 * when its askedWhen answer was given, so that answer's count is its N; one added later is
 * asked only by kiosks of its version, so it has its own column.
 */
export type AskedSource = { column: string } | { question: ChoiceCode; answer: string };
export function askedSource(question: MultiChoice): AskedSource {
  if (sinceOf(question) > 1) return { column: askedColumnName(question.code) };
  return { question: question.askedWhen.question, answer: question.askedWhen.answer };
}

const multiQuestions = choiceQuestions.filter(
  (question): question is MultiChoice => question.kind === "multi",
);

// Column names worked out once: countsOfRow runs for every row a report reads.
const answerSlots = choiceQuestions.map((question) => ({
  question: question.code,
  answers: question.answers.map(({ code }) => ({
    code,
    column: answerColumnName(question.code, code),
  })),
}));
const askedSlots = multiQuestions.map((question) => ({
  question: question.code,
  source: askedSource(question),
}));

/** Counts out of a row of rollup sums keyed by column name (absent columns count 0). */
export function countsOfRow(row: Readonly<Record<string, unknown>>): Counts {
  const read = (column: string) => {
    const value = row[column];
    return typeof value === "number" ? value : 0;
  };
  const answers: Record<string, Record<string, number>> = {};
  for (const { question, answers: columns } of answerSlots) {
    const counts: Record<string, number> = {};
    for (const { code, column } of columns) counts[code] = read(column);
    answers[question] = counts;
  }
  const asked: Record<string, number> = {};
  for (const { question, source } of askedSlots) {
    asked[question] =
      "column" in source ? read(source.column) : (answers[source.question]?.[source.answer] ?? 0);
  }
  // Built from the questionnaire's own codes, every question and answer.
  return { responses: read("responses"), answers, asked } as unknown as Counts;
}

/** Counts of an empty group. */
export function emptyCounts(): Counts {
  return countsOfRow({});
}

/** Adds groups' counts together (the whole selection is the sum of its days). */
export function sumCounts(rows: readonly Counts[]): Counts {
  const total = emptyCounts();
  const totalAnswers = total.answers as unknown as Record<string, Record<string, number>>;
  const totalAsked = total.asked as Record<string, number>;
  for (const row of rows) {
    total.responses += row.responses;
    const answers = row.answers as unknown as Record<string, Record<string, number>>;
    for (const question of choiceQuestions) {
      const into = totalAnswers[question.code];
      const from = answers[question.code];
      if (!into || !from) continue;
      for (const { code } of question.answers) into[code] = (into[code] ?? 0) + (from[code] ?? 0);
    }
    const asked = row.asked as Record<string, number>;
    for (const question of multiQuestions)
      totalAsked[question.code] = (totalAsked[question.code] ?? 0) + (asked[question.code] ?? 0);
  }
  return total;
}

/** The counts of one question, by answer code. */
export function answerCounts<C extends ChoiceCode>(counts: Counts, question: C): AnswerCounts[C] {
  return counts.answers[question];
}

/** How many in the group answered a single-choice question, or were asked a multi-choice one. */
export function answersTo(counts: Counts, question: ChoiceCode): number {
  if (Object.hasOwn(counts.asked, question)) return counts.asked[question as MultiCode];
  const byAnswer: Readonly<Record<string, number>> = counts.answers[question];
  let n = 0;
  for (const code in byAnswer) n += byAnswer[code] ?? 0;
  return n;
}

/** Counts given only in part (the rest 0): for fixtures and for building groups by hand. */
export type SomeCounts = {
  responses?: number;
  answers?: { [C in ChoiceCode]?: Partial<Record<AnswerCode<C>, number>> };
  asked?: Partial<Record<MultiCode, number>>;
};
export function countsWith(some: SomeCounts): Counts {
  const row: Record<string, number> = { responses: some.responses ?? 0 };
  const answers: Readonly<Record<string, Readonly<Record<string, number | undefined>>>> =
    some.answers ?? {};
  for (const [question, byAnswer] of Object.entries(answers))
    for (const [answer, count] of Object.entries(byAnswer))
      row[answerColumnName(question, answer)] = count ?? 0;
  for (const [question, count] of Object.entries(some.asked ?? {}))
    row[askedColumnName(question)] = count ?? 0;
  return countsOfRow(row);
}
