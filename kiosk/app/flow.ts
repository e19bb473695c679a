import {
  type Answers,
  isAsked,
  type Question,
  type QuestionCode,
  questionByCode,
  questionnaireVersion,
  questionsOf,
} from "../../shared/questionnaire.ts";

/**
 * The questions this build asks: those of its questionnaire version. A kiosk changes version
 * only by updating, and an update is applied on the start screen (kiosk/pwa/register.ts), so
 * an interview never mixes two versions.
 */
const questions = questionsOf(questionnaireVersion);

/**
 * The interview's path, as pure functions of the answers so far: which questions are asked,
 * which comes next, and which answers no longer apply after a change.
 */

/** The questions this citizen is asked, given the answers so far, in order. */
export function askedQuestions(answers: Answers): Question[] {
  return questions.filter((question) => isAsked(question, answers));
}

export function firstQuestion(): QuestionCode {
  const first = questions[0];
  if (!first) throw new Error("The questionnaire has no questions");
  return first.code;
}

/** The question after `current`, or undefined when the interview is over. */
export function nextQuestion(current: QuestionCode, answers: Answers): QuestionCode | undefined {
  const index = questions.findIndex((question) => question.code === current);
  return questions.slice(index + 1).find((question) => isAsked(question, answers))?.code;
}

/**
 * 1-based position of `current` and the most questions this path can still have. Answers at or
 * after `current` may yet change, so a question that depends on one of them counts as possible:
 * the total can only shrink as the citizen goes on, the step only grows, and "N af N" is shown
 * only on a question no other can follow.
 */
export function progress(current: QuestionCode, answers: Answers): { step: number; total: number } {
  const index = questions.findIndex((question) => question.code === current);
  const before = questions.slice(0, index);
  const settled = (code: QuestionCode) => before.some((question) => question.code === code);
  const step = before.filter((question) => isAsked(question, answers)).length + 1;
  const possible = questions.slice(index + 1).filter((question) => {
    const when = question.askedWhen;
    return !when || !settled(when.question) || isAsked(question, answers);
  });
  return { step, total: step + possible.length };
}

/** A raw value from the screen, checked against the questionnaire (unknown codes are dropped). */
export type AnswerInput = string | readonly string[] | undefined;

function validValue(code: QuestionCode, value: AnswerInput): string | string[] | undefined {
  const question = questionByCode(code);
  if (value === undefined) return undefined;
  if (question.kind === "text") {
    const text = typeof value === "string" ? value.slice(0, question.maxLength) : "";
    return text.trim() === "" ? undefined : text;
  }
  const allowed = question.answers.map((answer) => answer.code);
  if (question.kind === "multi") {
    const chosen = allowed.filter((code) => Array.isArray(value) && value.includes(code));
    return chosen.length ? chosen : undefined;
  }
  return typeof value === "string" && allowed.includes(value) ? value : undefined;
}

/**
 * Answers with `code` set to `value` (or removed when skipped or empty), without the answers to
 * questions that are no longer asked: changing sent_on to "no" removes referred_ok.
 */
export function withAnswer(answers: Answers, code: QuestionCode, value: AnswerInput): Answers {
  // Answers is keyed by QuestionCode and validValue only lets the questionnaire's codes through.
  const next = { ...answers } as Record<QuestionCode, unknown>;
  const valid = validValue(code, value);
  if (valid === undefined) delete next[code];
  else next[code] = valid;
  for (const question of questions) {
    if (!isAsked(question, next as Answers)) delete next[question.code];
  }
  return next as Answers;
}

export function answeredCount(answers: Answers): number {
  return Object.keys(answers).length;
}
