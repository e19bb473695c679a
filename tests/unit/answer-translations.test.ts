import { describe, expect, it } from "vitest";
import { answerCodes, choiceQuestions } from "../../shared/questionnaire.ts";
import { locales, translatedAnswerCodes } from "../../shared/questionnaire-i18n.ts";
import { da } from "../../sync-server/dashboard/i18n/da.ts";
import { en } from "../../sync-server/dashboard/i18n/en.ts";
import { wordsFor } from "../../sync-server/digest/digest-words.ts";

/**
 * A new answer is shared/questionnaire.ts (its Danish and English) plus its translations. Those
 * live in three places besides it, and each missing one is named here: the kiosk's other five
 * languages (shared/questionnaire-i18n.ts, also a compile error there), and the short labels of
 * the improvement reasons on the dashboard (r_<code>, dashboard/i18n) and in the digest mail
 * (digest/digest-words.ts). The codebook, export, reports and study cards take the
 * questionnaire's own labels.
 */
describe("every answer's translations", () => {
  it("are in the kiosk's other languages", () => {
    const missing = choiceQuestions.flatMap((question) =>
      question.answers
        .filter((answer) => !translatedAnswerCodes.includes(answer.code))
        .map((answer) => `${question.code}.${answer.code}`),
    );
    expect(missing, "shared/questionnaire-i18n.ts answerLabels lacks").toEqual([]);
    expect(locales).toHaveLength(7);
  });

  it("name each improvement reason on the dashboard and in the digest, in Danish and English", () => {
    const missing: string[] = [];
    for (const code of answerCodes("improve_reasons")) {
      const key = `r_${code}`;
      if (!Object.hasOwn(da, key)) missing.push(`dashboard/i18n/da.ts ${key}`);
      if (!Object.hasOwn(en, key)) missing.push(`dashboard/i18n/en.ts ${key}`);
      for (const language of ["da", "en"] as const) {
        if (!Object.hasOwn(wordsFor(language).reason, code))
          missing.push(`digest/digest-words.ts ${language}.reason.${code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
