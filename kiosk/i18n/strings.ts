import type { Locale } from "../../shared/locales.ts";

/**
 * The kiosk's own words in each language (the questions are in shared/). Plain language, no
 * pressure: the citizen may skip anything and stays anonymous. `{n}`-style slots are filled by
 * `format`; a sentence with a count has a form for each plural category its language has
 * (Arabic six, Polish and Ukrainian four), picked by Intl.PluralRules in `plural`.
 */

/** One sentence per plural category; `other` is the fallback every language has. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type UiStrings = {
  startHeading: string;
  startIntro: string;
  start: string;
  chooseLanguage: string;
  progress: string;
  back: string;
  skip: string;
  next: string;
  chooseAny: string;
  textNote: string;
  charsLeft: Plural;
  thanksHeading: string;
  thanksText: string;
  done: string;
  stillThere: string;
  stillThereText: Plural;
  continue: string;
};

/** Danish: the kiosk's first language, part of the first load. */
export const da: UiStrings = {
  startHeading: "Hvordan gik dit besøg i dag?",
  startIntro:
    "Et par korte spørgsmål, cirka 20 sekunder. Du er anonym, og du kan springe ethvert spørgsmål over.",
  start: "Start",
  chooseLanguage: "Vælg sprog",
  progress: "Spørgsmål {step} af {total}",
  back: "Tilbage",
  skip: "Spring over",
  next: "Næste",
  chooseAny: "Du kan vælge flere.",
  textNote: "Skriv ikke dit navn, CPR-nummer eller andre personlige oplysninger.",
  charsLeft: { one: "{n} tegn tilbage", other: "{n} tegn tilbage" },
  thanksHeading: "Tak for din hjælp!",
  thanksText: "Dine svar hjælper os med at gøre Borgerservice bedre. Hav en god dag.",
  done: "Færdig",
  stillThere: "Er du der stadig?",
  stillThereText: {
    one: "Tryk på »Fortsæt« for at svare videre. Ellers begynder skærmen forfra om {n} sekund.",
    other: "Tryk på »Fortsæt« for at svare videre. Ellers begynder skærmen forfra om {n} sekunder.",
  },
  continue: "Fortsæt",
};

/** Each language's name in itself: how a citizen finds their language (never a flag). */
export const languageNames: Record<Locale, string> = {
  da: "Dansk",
  en: "English",
  de: "Deutsch",
  pl: "Polski",
  uk: "Українська",
  tr: "Türkçe",
  ar: "العربية",
};

export function format(template: string, values: Record<string, number | string>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : slot,
  );
}

/** The form of `forms` that `n` takes in `locale`, with `{n}` filled in. */
export function plural(locale: Locale, forms: Plural, n: number): string {
  const category = new Intl.PluralRules(locale).select(n);
  return format(forms[category] ?? forms.other, { n });
}
