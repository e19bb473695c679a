import { describe, expect, it } from "vitest";
import type { LocalQuestionDraft, LocalText } from "../../shared/local-questions.ts";
import { locales } from "../../shared/locales.ts";
import {
  draftOf,
  emptyFields,
  fieldsOf,
  translatedLocales,
} from "../../sync-server/dashboard/pages/local-question-form.ts";

/** Words in every kiosk language, made from the one list (a new language is covered at once). */
const everywhere = (what: string): LocalText =>
  Object.fromEntries(locales.map((locale) => [locale, `${what} (${locale})`])) as LocalText;

const full: LocalQuestionDraft = {
  text: everywhere("Hvad kom du for?"),
  answers: [
    { code: "pas", label: everywhere("Pas") },
    { code: "andet", label: everywhere("Andet") },
  ],
};

describe("the admin form for a local question", () => {
  it("edits every kiosk language: Danish and each other one, round trip", () => {
    expect(["da", ...translatedLocales]).toEqual([...locales]);
    expect(Object.keys(emptyFields.translations).sort()).toEqual([...translatedLocales].sort());
    const fields = fieldsOf(full);
    expect(fields.answers).toBe("pas | Pas (da)\nandet | Andet (da)");
    expect(fields.translations.ar).toEqual({
      text: "Hvad kom du for? (ar)",
      labels: "Pas (ar)\nAndet (ar)",
    });
    expect(draftOf(fields)).toEqual(full);
  });

  it("Danish alone is enough; a blank translation is left out, and a blank line leaves that answer untranslated", () => {
    const fields = {
      ...emptyFields,
      da: " Hvad kom du for? ",
      answers: "pas | Pas\n\nandet | Andet\n",
      translations: {
        ...emptyFields.translations,
        en: { text: "What did you come for?", labels: "\nOther" },
        uk: { text: "  ", labels: "" },
      },
    };
    expect(draftOf(fields)).toEqual({
      text: { da: "Hvad kom du for?", en: "What did you come for?" },
      answers: [
        { code: "pas", label: { da: "Pas" } },
        { code: "andet", label: { da: "Andet", en: "Other" } },
      ],
    });
  });

  it("shows a language with no answer translated as empty, not as blank lines", () => {
    const partial: LocalQuestionDraft = {
      text: { da: "Hvad kom du for?", de: "Warum sind Sie hier?" },
      answers: [
        { code: "pas", label: { da: "Pas" } },
        { code: "andet", label: { da: "Andet" } },
      ],
    };
    const fields = fieldsOf(partial);
    expect(fields.translations.de).toEqual({ text: "Warum sind Sie hier?", labels: "" });
    expect(fields.translations.pl).toEqual({ text: "", labels: "" });
    expect(draftOf(fields)).toEqual(partial);
  });
});
