import { describe, expect, it } from "vitest";
import {
  askableIn,
  localAnswersShapeProblem,
  localQuestionProblems,
  readDraft,
  readSyncedLocalQuestions,
} from "../../shared/local-questions.ts";
import { canonicalJson, canonicalPayloadJson } from "../../sync-server/ingest/response-row.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

const pas = { code: "pas", label: { da: "Pas", en: "Passport" } };
const draft = {
  text: { da: "Hvad kom du for?", en: "What did you come for?" },
  answers: [pas, { code: "andet", label: { da: "Andet" } }],
};
const synced = {
  id: "0194f3c2-0000-7000-8000-000000000001",
  questionId: "0194f3c2-0000-7000-8000-000000000002",
  code: "errand",
  version: 1,
  ...draft,
};

describe("local questions: the shared checks", () => {
  it("accepts a question with Danish words and names each problem of a bad one", () => {
    expect(localQuestionProblems(draft)).toEqual([]);
    expect(localQuestionProblems({ ...draft, text: { en: "x" } })).toEqual([
      "text.da: Danish is required",
    ]);
    expect(
      localQuestionProblems({
        text: { da: "", xx: "?" },
        answers: [{ code: "Pas", label: { da: "Pas" } }, { code: "pas" }],
        extra: 1,
      }),
    ).toEqual([
      "extra: not known here",
      "text.xx: not one of da, en, de, pl, uk, tr, ar",
      "text.da: words of 1 to 200 characters",
      "answers[0].code: a-z, digits and _, starting with a letter, at most 30",
      'answers[1].label: an object of words per language, e.g. {"da": "…"}',
    ]);
    expect(localQuestionProblems({ ...draft, answers: [pas] })).toEqual([
      "answers: a list of 2 to 12 answers",
    ]);
    expect(localQuestionProblems(["not", "an", "object"])).toHaveLength(1);
  });

  it("copies only the known languages of a checked draft", () => {
    expect(readDraft({ ...draft, text: { ...draft.text, de: "Wofür?" } }).text).toEqual({
      da: "Hvad kom du for?",
      en: "What did you come for?",
      de: "Wofür?",
    });
  });

  it("a kiosk reads the reply's list, refuses an unreadable one whole, and asks per language", () => {
    expect(readSyncedLocalQuestions([synced])).toEqual([synced]);
    expect(readSyncedLocalQuestions([])).toEqual([]);
    expect(readSyncedLocalQuestions([{ ...synced, id: "x" }])).toBeUndefined();
    expect(readSyncedLocalQuestions([synced, synced, synced, synced])).toBeUndefined();
    expect(readSyncedLocalQuestions({ questions: [] })).toBeUndefined();
    // Danish always; English has every word; German has none; "andet" lacks English.
    expect(askableIn(draft, "da")).toBe(true);
    expect(askableIn(draft, "de")).toBe(false);
    expect(askableIn({ ...draft, answers: [pas, { ...pas, code: "pas2" }] }, "en")).toBe(true);
    expect(askableIn(draft, "en")).toBe(false);
  });

  it("checks a response's local answers' shape; the fingerprint covers them and only them", () => {
    expect(localAnswersShapeProblem({ [synced.id]: "pas" })).toBeUndefined();
    // As JSON.parse makes it: an own key "__proto__", not a prototype.
    expect(localAnswersShapeProblem(JSON.parse('{"__proto__": "pas"}'))).toBeDefined();
    expect(localAnswersShapeProblem({ [synced.id]: 1 })).toBeDefined();
    expect(localAnswersShapeProblem([])).toBeDefined();
    const plain = samplePayload(1);
    const withLocal = { ...plain, local: { [synced.id]: "pas", [synced.questionId]: "andet" } };
    expect(canonicalPayloadJson(withLocal)).toBe(canonicalJson(withLocal));
    expect(canonicalPayloadJson(plain)).toBe(canonicalJson(plain));
    expect(canonicalPayloadJson(withLocal)).not.toBe(canonicalPayloadJson(plain));
  });
});
