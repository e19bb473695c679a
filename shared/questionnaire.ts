import type { ErrorCode } from "./errors.ts";

/**
 * The study's exit mini-interview (../shared/study.md), defined once, as data: the kiosk's
 * flow, the server's validation, the canonical hash, the rollup columns, the reports, the
 * export, the codebook and the demo are all derived from `questionData` below (and
 * tests/unit/questionnaire-derivations.test.ts fails when one of them misses a code), and so is
 * the database's side: migrate adds the columns and CHECKs (sync-server/questionnaire-schema.ts).
 * Add answers and questions freely, with their translations (questionnaire-i18n.ts); removing
 * one needs a numbered migration (migrate refuses otherwise). Codes are stable across versions;
 * a change of wording or flow is a new version, and responses carry the version they were
 * answered in. A question added in a later version says `since`.
 */
export type Label = { readonly da: string; readonly en: string };

/** Every version the kiosk ever shipped: the server accepts each of them for good. */
export const questionnaireVersions = [1, 2] as const;
export type QuestionnaireVersion = (typeof questionnaireVersions)[number];
/**
 * The version a kiosk asks now. 2 added no_help_reasons; the core questions and codes are the
 * same in every version, so answers of all versions count together.
 */
export const questionnaireVersion: QuestionnaireVersion = 2;

export const improveTextMaxLength = 500;

const yes = { code: "yes", label: { da: "Ja", en: "Yes" } } as const;
const no = { code: "no", label: { da: "Nej", en: "No" } } as const;

/** In the order the kiosk asks them. */
const questionData = [
  {
    kind: "single",
    code: "got_help",
    text: {
      da: "Fik du svar på eller ordnet det, du kom efter?",
      en: "Did you get an answer to, or get done, what you came for?",
    },
    answers: [yes, no],
  },
  {
    kind: "multi",
    code: "no_help_reasons",
    since: 2,
    text: {
      da: "Hvorfor fik du ikke ordnet det, du kom efter? (frivilligt)",
      en: "Why did you not get done what you came for? (optional)",
    },
    /** responses.csv's columns are no_help_<answer>. */
    exportPrefix: "no_help",
    answers: [
      {
        code: "other_authority",
        label: {
          da: "Sagen hører under en anden myndighed (fx Skat, Udbetaling Danmark)",
          en: "The matter belongs to another authority (e.g. the tax agency, Udbetaling Danmark)",
        },
      },
      {
        code: "forgot_mitid",
        label: { da: "Jeg havde glemt mit MitID", en: "I had forgotten my MitID" },
      },
      {
        code: "staff_busy",
        label: { da: "Medarbejderne havde for travlt", en: "The staff were too busy" },
      },
      { code: "other", label: { da: "Andet", en: "Other" } },
    ],
    askedWhen: {
      question: "got_help",
      answer: "no",
      otherwise: "no_help_reasons_without_got_help_no",
    },
  },
  {
    kind: "single",
    code: "sent_on",
    text: {
      da: "Blev du sendt videre til en anden afdeling eller person i kommunen?",
      en: "Were you sent on to another department or person in the municipality?",
    },
    answers: [yes, no],
  },
  {
    kind: "single",
    code: "referred_ok",
    text: {
      da: "Blev du vejledt til den relevante afdeling eller person i kommunen?",
      en: "Were you guided to the relevant department or person in the municipality?",
    },
    answers: [yes, no],
    askedWhen: { question: "sent_on", answer: "yes", otherwise: "referred_ok_without_sent_on" },
  },
  {
    kind: "single",
    code: "guidance",
    text: {
      da: "Hvordan blev du vejledt af medarbejderne i Borgerservice?",
      en: "How were you guided by the staff at Borgerservice?",
    },
    answers: [
      { code: "very_good", label: { da: "Rigtig godt", en: "Very well" } },
      { code: "good", label: { da: "Godt", en: "Well" } },
      { code: "poor", label: { da: "Dårligt", en: "Poorly" } },
      { code: "unacceptable", label: { da: "Uacceptabelt", en: "Unacceptably" } },
    ],
  },
  {
    kind: "single",
    code: "seen_heard",
    text: {
      da: "Følte du dig set og hørt af medarbejderne i Borgerservice?",
      en: "Did you feel seen and heard by the staff at Borgerservice?",
    },
    answers: [yes, no],
  },
  {
    kind: "single",
    code: "improve",
    text: {
      da: "Hvad skal der til for, at betjeningen bliver bedre i Borgerservice?",
      en: "What would make the service at Borgerservice better?",
    },
    answers: [
      { code: "nothing", label: { da: "Ikke noget", en: "Nothing" } },
      {
        code: "could_be_better",
        label: { da: "Betjeningen kan blive bedre", en: "The service could be better" },
      },
    ],
  },
  {
    kind: "multi",
    code: "improve_reasons",
    text: { da: "Hvad kan blive bedre?", en: "What could be better?" },
    /** responses.csv's columns are improve_<answer>. */
    exportPrefix: "improve",
    answers: [
      { code: "shorter_wait", label: { da: "Kortere ventetid", en: "Shorter waiting time" } },
      {
        code: "help_with_everything",
        label: {
          da: "Hjælp med alt, også sager uden for kommunen (fx skat, pension)",
          en: "Help with everything, also matters outside the municipality (e.g. tax, pension)",
        },
      },
      {
        code: "know_departments",
        label: {
          da: "Mere viden om kommunens afdelinger",
          en: "More knowledge of the municipality's departments",
        },
      },
      { code: "other", label: { da: "Andet", en: "Other" } },
    ],
    askedWhen: {
      question: "improve",
      answer: "could_be_better",
      otherwise: "improve_detail_without_could_be_better",
    },
  },
  {
    kind: "text",
    code: "improve_text",
    text: {
      da: "Vil du fortælle mere? (frivilligt)",
      en: "Would you like to say more? (optional)",
    },
    maxLength: improveTextMaxLength,
    askedWhen: {
      question: "improve",
      answer: "could_be_better",
      otherwise: "improve_detail_without_could_be_better",
    },
  },
] as const;

type Data = (typeof questionData)[number];
export type QuestionCode = Data["code"];
type DataOf<C extends QuestionCode> = Extract<Data, { code: C }>;
/** The codes of questions answered by choosing (single or multi). */
export type ChoiceCode = Extract<Data, { answers: unknown }>["code"];
export type SingleCode = Extract<Data, { kind: "single" }>["code"];
export type MultiCode = Extract<Data, { kind: "multi" }>["code"];
export type TextCode = Extract<Data, { kind: "text" }>["code"];
/** The answer codes of one choice question, e.g. AnswerCode<"guidance"> = "very_good" | …. */
export type AnswerCode<C extends ChoiceCode> =
  DataOf<C> extends { answers: readonly { code: infer A extends string }[] } ? A : never;
/** Every answer code of every question. */
export type AnyAnswerCode = { [C in ChoiceCode]: AnswerCode<C> }[ChoiceCode];

/**
 * One interview's answers as the kiosk sends them (docs/api.md): skipped and not-asked
 * questions are left out; a multi-choice question is an array of its codes.
 */
export type Answers = {
  [C in QuestionCode]?: C extends SingleCode
    ? AnswerCode<C>
    : C extends MultiCode
      ? AnswerCode<C>[]
      : string;
};

/** Asked only when an earlier question got this answer; otherwise the server says `otherwise`. */
export type AskedWhen = { question: SingleCode; answer: string; otherwise: ErrorCode };
type Common = {
  text: Label;
  /** The first version that asks it (default 1). */
  since?: QuestionnaireVersion;
  askedWhen?: AskedWhen;
};
export type ChoiceAnswer = { code: string; label: Label };
export type SingleChoice = Common & {
  kind: "single";
  code: SingleCode;
  answers: readonly ChoiceAnswer[];
};
export type MultiChoice = Common & {
  kind: "multi";
  code: MultiCode;
  answers: readonly ChoiceAnswer[];
  askedWhen: AskedWhen;
  exportPrefix: string;
};
export type FreeText = Common & {
  kind: "text";
  code: TextCode;
  maxLength: number;
  askedWhen: AskedWhen;
};
export type Question = SingleChoice | MultiChoice | FreeText;

/** Every question of every version, in the order the kiosk asks them (widened for iteration). */
export const questions: readonly Question[] = questionData;
export const questionCodes: readonly QuestionCode[] = questions.map((question) => question.code);

/** The first version that asks a question. */
export function sinceOf(question: Question): QuestionnaireVersion {
  return question.since ?? 1;
}

/** The questions a kiosk on `version` asks (a later version only adds questions). */
export function questionsOf(version: number): Question[] {
  return questions.filter((question) => sinceOf(question) <= version);
}

export function isKnownVersion(version: number): version is QuestionnaireVersion {
  return (questionnaireVersions as readonly number[]).includes(version);
}

// A Map, not an object: callers pass keys from the wire.
const byCode = new Map<string, Question>(questions.map((question) => [question.code, question]));

export function findQuestion(code: string): Question | undefined {
  return byCode.get(code);
}

export function questionByCode(code: QuestionCode): Question {
  const question = byCode.get(code);
  if (!question) throw new Error(`Unknown question ${code}`);
  return question;
}

/** Answer codes of a choice question, e.g. ["yes", "no"]. */
export function answerCodes<C extends ChoiceCode>(code: C): AnswerCode<C>[];
export function answerCodes(code: QuestionCode): string[];
export function answerCodes(code: QuestionCode): string[] {
  const question = questionByCode(code);
  return question.kind === "text" ? [] : question.answers.map((answer) => answer.code);
}

/** Whether the answers so far lead to `question` (its askedWhen rule holds, if it has one). */
export function isAsked(question: Question, answers: Answers): boolean {
  if (!question.askedWhen) return true;
  return answers[question.askedWhen.question] === question.askedWhen.answer;
}

/** The choice questions, each with its answers: what the reports count. */
export const choiceQuestions: readonly (SingleChoice | MultiChoice)[] = questions.filter(
  (question): question is SingleChoice | MultiChoice => question.kind !== "text",
);
