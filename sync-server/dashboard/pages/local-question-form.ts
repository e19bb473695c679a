import type { LocalQuestionDraft, LocalText } from "../../../shared/local-questions.ts";
import { type Locale, locales } from "../../../shared/locales.ts";

/**
 * The admin form's text, both ways, in every kiosk language (shared/locales.ts). Danish is
 * required and carries the codes: the answers as lines "kode | Dansk". Every other language is
 * optional: its wording of the question and its answers' labels, one a line in the Danish
 * answers' order (an empty line: that answer untranslated). A language without the question and
 * every answer translated is skipped on the kiosk; the server checks the rest and names it.
 */
export type TranslatedLocale = Exclude<Locale, "da">;
export const translatedLocales = locales.filter(
  (locale): locale is TranslatedLocale => locale !== "da",
);

export type Translation = { text: string; labels: string };
export type LocalQuestionFields = {
  da: string;
  answers: string;
  translations: Record<TranslatedLocale, Translation>;
};

const untranslated = (): Record<TranslatedLocale, Translation> =>
  Object.fromEntries(
    translatedLocales.map((locale) => [locale, { text: "", labels: "" }]),
  ) as Record<TranslatedLocale, Translation>;

export const emptyFields: LocalQuestionFields = {
  da: "",
  answers: "",
  translations: untranslated(),
};

export function fieldsOf(draft: LocalQuestionDraft): LocalQuestionFields {
  const translations = untranslated();
  for (const locale of translatedLocales) {
    const labels = draft.answers.map((answer) => answer.label[locale] ?? "");
    translations[locale] = {
      text: draft.text[locale] ?? "",
      labels: labels.some((label) => label !== "") ? labels.join("\n") : "",
    };
  }
  return {
    da: draft.text.da,
    answers: draft.answers.map((answer) => `${answer.code} | ${answer.label.da}`).join("\n"),
    translations,
  };
}

/** Words per language: Danish, and each other language given (blank: none). */
function words(da: string, other: (locale: TranslatedLocale) => string | undefined): LocalText {
  const text: LocalText = { da: da.trim() };
  for (const locale of translatedLocales) {
    const given = other(locale)?.trim();
    if (given) text[locale] = given;
  }
  return text;
}

/** The draft the fields describe (the server checks it and names what is wrong). */
export function draftOf(fields: LocalQuestionFields): LocalQuestionDraft {
  const labels = new Map(
    translatedLocales.map((locale) => [locale, fields.translations[locale].labels.split("\n")]),
  );
  const answers = fields.answers
    .split("\n")
    .map((line) => line.split("|").map((part) => part.trim()))
    .filter((parts) => parts.some((part) => part !== ""))
    .map(([code = "", da = ""], index) => ({
      code,
      label: words(da, (locale) => labels.get(locale)?.[index]),
    }));
  return {
    text: words(fields.da, (locale) => fields.translations[locale].text),
    answers,
  };
}
