import type { Locale } from "../../shared/locales.ts";
import { answerLabel, questionText } from "../../shared/questionnaire-i18n.ts";
import type { LocaleText } from "./locale-text.ts";
import { strings } from "./translations.ts";

/** The lazily loaded half of locale-text.ts: the other languages' words. */
export function localeText(locale: Locale): LocaleText {
  return {
    locale,
    ui: strings[locale],
    question: (code) => questionText(code, locale),
    answer: (code, answer) => answerLabel(code, answer, locale),
  };
}
