import { describe, expect, it } from "vitest";
import { format, strings } from "../../kiosk/i18n/strings.ts";
import { questions } from "../../shared/questionnaire.ts";
import {
  answerLabel,
  directionOf,
  locales,
  questionText,
  translatedAnswerCodes,
} from "../../shared/questionnaire-i18n.ts";

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
        expect(value.trim(), `${locale}.${key}`).not.toBe("");
        expect(slots(value), `${locale}.${key}`).toEqual(
          slots(strings.da[key as keyof typeof strings.da]),
        );
      }
    }
    expect(strings.da.stillThere).toBe("Er du der stadig?");
    expect(strings.da.skip).toBe("Spring over");
  });

  it("lays Arabic out right to left and the rest left to right", () => {
    expect(locales.filter((locale) => directionOf(locale) === "rtl")).toEqual(["ar"]);
  });

  it("fills slots", () => {
    expect(format(strings.da.progress, { step: 2, total: 6 })).toBe("Spørgsmål 2 af 6");
  });
});
