/**
 * The study's exit mini-interview (../shared/study.md), defined once for the kiosk, the server's
 * validation, the reports and the codebook. Codes are stable across versions; a change of
 * wording or flow is a new version, and responses carry the version they were answered in.
 */
export const questionnaireVersion = 1;

export type Label = { da: string; en: string };

export type SingleChoice = {
  kind: "single";
  code: QuestionCode;
  text: Label;
  answers: readonly { code: string; label: Label }[];
  /** Asked only when an earlier answer says so. */
  askedWhen?: { question: QuestionCode; answer: string };
};

export type MultiChoice = {
  kind: "multi";
  code: QuestionCode;
  text: Label;
  answers: readonly { code: string; label: Label }[];
  askedWhen: { question: QuestionCode; answer: string };
};

export type FreeText = {
  kind: "text";
  code: QuestionCode;
  text: Label;
  maxLength: number;
  askedWhen: { question: QuestionCode; answer: string };
};

export type Question = SingleChoice | MultiChoice | FreeText;

export const questionCodes = [
  "got_help",
  "sent_on",
  "referred_ok",
  "guidance",
  "seen_heard",
  "improve",
  "improve_reasons",
  "improve_text",
] as const;
export type QuestionCode = (typeof questionCodes)[number];

const yes = { code: "yes", label: { da: "Ja", en: "Yes" } } as const;
const no = { code: "no", label: { da: "Nej", en: "No" } } as const;

export const improveTextMaxLength = 500;

/** In the order the kiosk asks them. */
export const questions: readonly Question[] = [
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
    askedWhen: { question: "sent_on", answer: "yes" },
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
    askedWhen: { question: "improve", answer: "could_be_better" },
  },
  {
    kind: "text",
    code: "improve_text",
    text: {
      da: "Vil du fortælle mere? (frivilligt)",
      en: "Would you like to say more? (optional)",
    },
    maxLength: improveTextMaxLength,
    askedWhen: { question: "improve", answer: "could_be_better" },
  },
];

export function questionByCode(code: QuestionCode): Question {
  const question = questions.find((q) => q.code === code);
  if (!question) throw new Error(`Unknown question ${code}`);
  return question;
}

/** Answer codes of a choice question, e.g. ["yes", "no"]. */
export function answerCodes(code: QuestionCode): string[] {
  const question = questionByCode(code);
  return question.kind === "text" ? [] : question.answers.map((answer) => answer.code);
}
