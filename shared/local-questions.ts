import { type Locale, locales } from "./locales.ts";

/**
 * Local questions (issue 14): up to three extra single-choice questions a municipality, or one
 * of its sites, asks after the core questions. What admins send, what the sync reply carries
 * and what a kiosk accepts are all checked here, by hand rather than with zod: the kiosk runs
 * these checks too, and must not load a schema library for them (as kiosk-settings.ts).
 *
 * A question is versioned: changing its wording or answers makes a new version with its own
 * id, and citizens' answers name the version they were shown, so an old answer keeps meaning
 * what it meant. Danish is required; a language without a translation (of the question and of
 * every answer) skips the question on the kiosk.
 */

/** Most local questions one site asks: its municipality's and its own together. */
export const maxLocalQuestions = 3;
export const minLocalAnswers = 2;
export const maxLocalAnswers = 12;
export const localTextMaxLength = 200;
export const localLabelMaxLength = 80;
/** A question's or answer's code: what analysts see in the export (local_<code>_v<version>). */
export const localCodePattern = /^[a-z][a-z0-9_]{0,29}$/;

/** Words per language; Danish always. */
export type LocalText = { da: string } & Partial<Record<Exclude<Locale, "da">, string>>;
export type LocalAnswerOption = { code: string; label: LocalText };

/** What an admin sends to add a question (REST body, CLI file) or to change one (no code). */
export type LocalQuestionDraft = {
  text: LocalText;
  answers: LocalAnswerOption[];
};

/** One version of a question as kiosks receive it in the sync reply (`localQuestions`). */
export type SyncedLocalQuestion = {
  /** The version's id: the key of the citizen's answer on the wire. */
  id: string;
  questionId: string;
  code: string;
  version: number;
} & LocalQuestionDraft;

/** A question as the admin pages and the CLI show it. */
export type LocalQuestionView = SyncedLocalQuestion & {
  /** null: every site of the municipality. */
  siteId: string | null;
  retired: boolean;
  createdAt: string;
};

/** A citizen's local answers on the wire: version id → answer code (docs/api.md). */
export type LocalAnswers = Record<string, string>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const hasNul = (text: string) => text.includes("\u0000");

function textProblems(value: unknown, where: string, max: number): string[] {
  if (!isRecord(value)) return [`${where}: an object of words per language, e.g. {"da": "…"}`];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!(locales as readonly string[]).includes(key))
      problems.push(`${where}.${key.slice(0, 40)}: not one of ${locales.join(", ")}`);
  }
  for (const locale of locales) {
    if (!Object.hasOwn(value, locale)) continue;
    const words = value[locale];
    if (
      typeof words !== "string" ||
      words.trim() === "" ||
      [...words].length > max ||
      hasNul(words)
    )
      problems.push(`${where}.${locale}: words of 1 to ${max} characters`);
  }
  if (!Object.hasOwn(value, "da")) problems.push(`${where}.da: Danish is required`);
  return problems;
}

/**
 * What is wrong with a question as an admin sends it, in words; empty when it may be stored.
 * Unknown keys are refused: a typo must not pass silently.
 */
export function localQuestionProblems(value: unknown): string[] {
  if (!isRecord(value)) return ["send an object with text and answers"];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (key !== "text" && key !== "answers") problems.push(`${key.slice(0, 40)}: not known here`);
  }
  problems.push(...textProblems(value.text, "text", localTextMaxLength));
  const { answers } = value;
  if (
    !Array.isArray(answers) ||
    answers.length < minLocalAnswers ||
    answers.length > maxLocalAnswers
  ) {
    problems.push(`answers: a list of ${minLocalAnswers} to ${maxLocalAnswers} answers`);
    return problems;
  }
  const codes = new Set<string>();
  answers.forEach((answer: unknown, index) => {
    const where = `answers[${index}]`;
    if (!isRecord(answer)) {
      problems.push(`${where}: an object {"code", "label"}`);
      return;
    }
    for (const key of Object.keys(answer)) {
      if (key !== "code" && key !== "label")
        problems.push(`${where}.${key.slice(0, 40)}: not known here`);
    }
    if (typeof answer.code !== "string" || !localCodePattern.test(answer.code))
      problems.push(`${where}.code: a-z, digits and _, starting with a letter, at most 30`);
    else if (codes.has(answer.code)) problems.push(`${where}.code: "${answer.code}" twice`);
    else codes.add(answer.code);
    problems.push(...textProblems(answer.label, `${where}.label`, localLabelMaxLength));
  });
  return problems;
}

/** Only the known fields of a checked draft (call after localQuestionProblems found none). */
export function readDraft(value: unknown): LocalQuestionDraft {
  const draft = value as LocalQuestionDraft;
  const words = (text: LocalText): LocalText => {
    const copy: Record<string, string> = { da: text.da };
    for (const locale of locales) {
      const found = text[locale];
      if (locale !== "da" && typeof found === "string") copy[locale] = found;
    }
    return copy as LocalText;
  };
  return {
    text: words(draft.text),
    answers: draft.answers.map((answer) => ({ code: answer.code, label: words(answer.label) })),
  };
}

function readSyncedQuestion(raw: unknown): SyncedLocalQuestion | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, questionId, code, version, text, answers } = raw;
  if (typeof id !== "string" || !uuidPattern.test(id)) return undefined;
  if (typeof questionId !== "string" || !uuidPattern.test(questionId)) return undefined;
  if (typeof code !== "string" || !localCodePattern.test(code)) return undefined;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1)
    return undefined;
  const draft = { text, answers };
  if (localQuestionProblems(draft).length > 0) return undefined;
  return { id, questionId, code, version, ...readDraft(draft) };
}

/**
 * The reply's local questions as a kiosk reads them, or undefined when they are not readable:
 * then the kiosk keeps the ones it has (and the rest of the reply still counts), as it does
 * with settings. An empty list means the site asks none now.
 */
export function readSyncedLocalQuestions(raw: unknown): SyncedLocalQuestion[] | undefined {
  if (!Array.isArray(raw) || raw.length > maxLocalQuestions) return undefined;
  const questions = raw.map(readSyncedQuestion);
  if (!questions.every((question) => question !== undefined)) return undefined;
  return questions as SyncedLocalQuestion[];
}

/** Can the question be asked in this language: its words and every answer's are translated? */
export function askableIn(question: LocalQuestionDraft, locale: Locale): boolean {
  return (
    typeof question.text[locale] === "string" &&
    question.answers.every((answer) => typeof answer.label[locale] === "string")
  );
}

/** The words in a language the question is askable in (Danish always is). */
export function wordsIn(text: LocalText, locale: Locale): string {
  return text[locale] ?? text.da;
}

/**
 * What is wrong with a response's `local` field on its own (the shape; which questions a site
 * asks is the server's to check): undefined when it is fine.
 */
export function localAnswersShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return "local must be an object of version id → answer code";
  const keys = Object.keys(value);
  if (keys.length > maxLocalQuestions) return `local answers at most ${maxLocalQuestions}`;
  for (const key of keys) {
    if (!uuidPattern.test(key)) return "local: each key is a question version's id (a UUID)";
    const code = value[key];
    if (typeof code !== "string" || !localCodePattern.test(code))
      return "local: each value is an answer code";
  }
  return undefined;
}
