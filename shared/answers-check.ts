import { z } from "zod";
import type { ErrorCode } from "./errors.ts";
import { type Answers, findQuestion, type Question, questions, sinceOf } from "./questionnaire.ts";

/**
 * The answers' checks, derived from the questionnaire: the zod schema (which names what is
 * wrong), the fast validator (which only says yes or no, for the common valid case) and the
 * conditional-question rules. A question added to shared/questionnaire.ts is checked here
 * without an edit.
 */

/** Length as PostgreSQL counts it (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}

// PostgreSQL text cannot hold NUL; other control characters are harmless.
const hasNul = (text: string) => text.includes("\u0000");
const distinct = (values: readonly unknown[]) => new Set(values).size === values.length;

function codesOf(
  question: Question & { answers: readonly { code: string }[] },
): [string, ...string[]] {
  const [first, ...rest] = question.answers.map((answer) => answer.code);
  if (first === undefined) throw new Error(`${question.code} has no answers`);
  return [first, ...rest];
}

function schemaOf(question: Question): z.ZodType {
  switch (question.kind) {
    case "single":
      return z.enum(codesOf(question));
    case "multi":
      return z.array(z.enum(codesOf(question))).refine(distinct, { error: "lists a code twice" });
    case "text":
      return z
        .string()
        .refine((text) => !hasNul(text), { error: "contains a NUL character" })
        .refine((text) => characterCount(text) <= question.maxLength, {
          error: `is longer than ${question.maxLength} characters`,
        });
  }
}

/**
 * Every question of every version, each optional; unknown keys fail. Which version may answer
 * which question is checked after (answerRuleBroken), where the version is known.
 */
export const answersSchema = z
  .strictObject(
    Object.fromEntries(questions.map((question) => [question.code, schemaOf(question)])),
  )
  .partial() as unknown as z.ZodType<Answers>;

function validatorOf(question: Question): (value: unknown) => boolean {
  switch (question.kind) {
    case "single": {
      const codes: readonly unknown[] = question.answers.map((answer) => answer.code);
      return (value) => typeof value === "string" && codes.includes(value);
    }
    case "multi": {
      const codes: readonly unknown[] = question.answers.map((answer) => answer.code);
      return (value) =>
        Array.isArray(value) && distinct(value) && value.every((code) => codes.includes(code));
    }
    case "text":
      return (value) =>
        typeof value === "string" && !hasNul(value) && characterCount(value) <= question.maxLength;
  }
}

// A Map, not an object: answers' keys are the client's, and "constructor" or "__proto__" must
// find nothing rather than Object.prototype's members.
const validators: ReadonlyMap<string, (value: unknown) => boolean> = new Map(
  questions.map((question) => [question.code, validatorOf(question)]),
);

/** Exactly as strict as answersSchema, without building zod's issues: runs for every response. */
export function answersValid(answers: Record<string, unknown>): boolean {
  for (const key of Object.keys(answers)) {
    const valid = validators.get(key);
    if (!valid?.(answers[key])) return false;
  }
  return true;
}

/** The error code for a schema issue inside answers (the question's key is `key`). */
export function answerIssueCode(key: unknown, message: string): ErrorCode {
  const question = typeof key === "string" ? findQuestion(key) : undefined;
  if (question === undefined) return key === undefined ? "invalid_response" : "unknown_question";
  return question.kind === "text" && message.includes("longer than")
    ? "text_too_long"
    : "unknown_answer";
}

const quoted = (value: string | undefined) => (value === undefined ? "unanswered" : `"${value}"`);

/**
 * The first rule of the questionnaire valid answers of `version` break: a question the version
 * does not ask, or one answered although its askedWhen rule does not hold.
 */
export function answerRuleBroken(
  answers: Answers,
  version: number,
): { code: ErrorCode; message: string } | undefined {
  for (const question of questions) {
    if (answers[question.code] === undefined) continue;
    if (sinceOf(question) > version) {
      return {
        code: "unknown_question",
        message: `answers.${question.code} is asked from questionnaire ${sinceOf(question)}; this response is of questionnaire ${version}.`,
      };
    }
    const rule = question.askedWhen;
    if (rule && answers[rule.question] !== rule.answer) {
      return {
        code: rule.otherwise,
        message: `answers.${question.code} is only asked when ${rule.question} is "${rule.answer}"; here ${rule.question} is ${quoted(answers[rule.question])}.`,
      };
    }
  }
  return undefined;
}
