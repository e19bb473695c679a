import type { Locale } from "../../shared/locales.ts";
import { type QuestionCode, questionByCode } from "../../shared/questionnaire.ts";
import { da, type UiStrings } from "./strings.ts";

/**
 * Everything the citizen reads in one language: the kiosk's words and the questionnaire's.
 * Danish is in the first load; another language is loaded when a citizen picks it (a few
 * kilobytes, precached by the service worker, so offline too), and kept once loaded.
 */
export type LocaleText = {
  locale: Locale;
  ui: UiStrings;
  question(code: QuestionCode): string;
  answer(code: QuestionCode, answer: string): string;
};

function danishAnswer(code: QuestionCode, answer: string): string {
  const question = questionByCode(code);
  if (question.kind === "text") throw new Error(`${code} has no answer choices`);
  const found = question.answers.find((candidate) => candidate.code === answer);
  if (!found) throw new Error(`${code} has no answer ${answer}`);
  return found.label.da;
}

export const danish: LocaleText = {
  locale: "da",
  ui: da,
  question: (code) => questionByCode(code).text.da,
  answer: danishAnswer,
};

const loaded = new Map<Locale, Promise<LocaleText>>([["da", Promise.resolve(danish)]]);

export function loadLocaleText(locale: Locale): Promise<LocaleText> {
  const known = loaded.get(locale);
  if (known) return known;
  const loading = import("./translated-text.ts").then((module) => module.localeText(locale));
  // A failed load (a first visit that lost the network) may be tried again later.
  loading.catch(() => loaded.delete(locale));
  loaded.set(locale, loading);
  return loading;
}
