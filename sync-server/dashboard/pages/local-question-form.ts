import type { LocalQuestionDraft, LocalText } from "../../../shared/local-questions.ts";

/**
 * The admin form's text, both ways: a question's Danish and English wording, and its answers as
 * lines "kode | Dansk | English" (English optional). Other languages are kept from the version
 * being changed where the Danish words stayed the same (they no longer translate what changed);
 * the API and the CLI set every language.
 */
export type LocalQuestionFields = { da: string; en: string; answers: string };

export const emptyFields: LocalQuestionFields = { da: "", en: "", answers: "" };

export function fieldsOf(draft: LocalQuestionDraft): LocalQuestionFields {
  return {
    da: draft.text.da,
    en: draft.text.en ?? "",
    answers: draft.answers
      .map((answer) =>
        [answer.code, answer.label.da, answer.label.en].filter((part) => part).join(" | "),
      )
      .join("\n"),
  };
}

function words(da: string, en: string, before: LocalText | undefined): LocalText {
  const kept = before && before.da === da ? { ...before } : { da };
  const text: LocalText = { ...kept, da };
  if (en) text.en = en;
  else delete text.en;
  return text;
}

/** The draft the fields describe (the server checks it and names what is wrong). */
export function draftOf(
  fields: LocalQuestionFields,
  before?: LocalQuestionDraft,
): LocalQuestionDraft {
  const answers = fields.answers
    .split("\n")
    .map((line) => line.split("|").map((part) => part.trim()))
    .filter((parts) => parts.some((part) => part !== ""))
    .map(([code = "", da = "", en = ""]) => ({
      code,
      label: words(da, en, before?.answers.find((answer) => answer.code === code)?.label),
    }));
  return { text: words(fields.da.trim(), fields.en.trim(), before?.text), answers };
}
