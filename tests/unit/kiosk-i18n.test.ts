import { describe, expect, it } from "vitest";
import { danish, loadLocaleText } from "../../kiosk/i18n/locale-text.ts";
import { format, languageNames, type Plural, plural } from "../../kiosk/i18n/strings.ts";
import { strings } from "../../kiosk/i18n/translations.ts";
import { questions } from "../../shared/questionnaire.ts";
import {
  answerLabel,
  directionOf,
  locales,
  questionText,
  translatedAnswerCodes,
} from "../../shared/questionnaire-i18n.ts";

const categoriesOf = (locale: string) =>
  new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

describe("the kiosk's languages", () => {
  it("has every question and answer in all seven languages, none left in Danish", () => {
    for (const question of questions) {
      for (const locale of locales) {
        const text = questionText(question.code, locale);
        expect(text.trim()).not.toBe("");
        if (locale !== "da") expect(text).not.toBe(questionText(question.code, "da"));
        if (question.kind === "text") continue;
        for (const answer of question.answers) {
          const label = answerLabel(question.code, answer.code, locale);
          expect(label.trim()).not.toBe("");
          // German "Ja" is the one answer that is the same word as in Danish.
          if (locale !== "da" && `${locale}:${label}` !== "de:Ja") {
            expect(label).not.toBe(answerLabel(question.code, answer.code, "da"));
          }
        }
      }
    }
  });

  it("translates exactly the questionnaire's answer codes", () => {
    const codes = new Set(
      questions.flatMap((q) => (q.kind === "text" ? [] : q.answers.map((a) => a.code))),
    );
    expect(new Set(translatedAnswerCodes)).toEqual(codes);
  });

  it("has the kiosk's own words in every language, with the same slots as Danish", () => {
    const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of locales) {
      for (const [key, value] of Object.entries(strings[locale])) {
        if (typeof value !== "string") continue;
        const danish = strings.da[key as keyof typeof strings.da];
        expect(value.trim(), `${locale}.${key}`).not.toBe("");
        expect(slots(value), `${locale}.${key}`).toEqual(slots(String(danish)));
      }
    }
    expect(strings.da.stillThere).toBe("Er du der stadig?");
    expect(strings.da.skip).toBe("Spring over");
  });

  it("names every language in itself, on the first screen", () => {
    expect(Object.keys(languageNames)).toEqual([...locales]);
    expect(languageNames.da).toBe("Dansk");
    expect(languageNames.ar).toBe("العربية");
  });

  it("loads each language's words as the questionnaire and the kiosk define them (Danish without loading)", async () => {
    expect(danish.ui).toBe(strings.da);
    for (const locale of locales) {
      const text = await loadLocaleText(locale);
      expect(text.locale).toBe(locale);
      expect(text.ui).toBe(strings[locale]);
      for (const question of questions) {
        expect(text.question(question.code)).toBe(questionText(question.code, locale));
        if (question.kind === "text") continue;
        for (const answer of question.answers)
          expect(text.answer(question.code, answer.code)).toBe(
            answerLabel(question.code, answer.code, locale),
          );
      }
    }
  });

  it("lays Arabic out right to left and the rest left to right", () => {
    expect(locales.filter((locale) => directionOf(locale) === "rtl")).toEqual(["ar"]);
  });

  it("has a form for every plural category each language uses (Intl.PluralRules), and no others", () => {
    const counted = ["charsLeft", "stillThereText"] as const;
    for (const locale of locales) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const key of counted) {
        const forms: Plural = strings[locale][key];
        expect(Object.keys(forms).sort(), `${locale}.${key}`).toEqual([...categories].sort());
        for (let n = 0; n <= 200; n += 1) {
          const text = plural(locale, forms, n);
          expect(text, `${locale}.${key} ${n}`).not.toMatch(/[{}]/);
        }
      }
    }
    expect(categoriesOf("ar")).toHaveLength(6);
    expect(categoriesOf("pl")).toEqual(expect.arrayContaining(["one", "few", "many"]));
  });

  it("says 1 second, not 1 seconds, in every language", () => {
    const idle = (locale: (typeof locales)[number], n: number) =>
      plural(locale, strings[locale].stillThereText, n);
    expect(idle("da", 1)).toMatch(/om 1 sekund\.$/);
    expect(idle("da", 20)).toMatch(/om 20 sekunder\.$/);
    expect(idle("en", 1)).toMatch(/in 1 second\.$/);
    expect(idle("de", 1)).toMatch(/in 1 Sekunde von vorn\.$/);
    expect(idle("pl", 2)).toMatch(/za 2 sekundy\.$/);
    expect(idle("pl", 5)).toMatch(/za 5 sekund\.$/);
    expect(idle("uk", 21)).toMatch(/через 21 секунду\.$/);
    expect(idle("uk", 5)).toMatch(/через 5 секунд\.$/);
    expect(idle("ar", 2)).toMatch(/ثانيتين/);
    expect(idle("ar", 5)).toMatch(/5 ثوانٍ/);
    expect(plural("en", strings.en.charsLeft, 1)).toBe("1 character left");
  });

  it("fills slots", () => {
    expect(format(strings.da.progress, { step: 2, total: 6 })).toBe("Spørgsmål 2 af 6");
  });
});
