import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { askedQuestions } from "../../kiosk/app/flow.ts";
import { answersSchema, answersValid } from "../../shared/answers-check.ts";
import { codebookColumns, exportColumnNames, multiColumnName } from "../../shared/codebook.ts";
import { checkResponse, fastParse } from "../../shared/contracts.ts";
import { answerColumnName, countsOfRow, sumCounts } from "../../shared/counts.ts";
import {
  type Answers,
  choiceQuestions,
  type Question,
  questionnaireVersion,
  questions,
  questionsOf,
  sinceOf,
} from "../../shared/questionnaire.ts";
import { answerLabel, locales, questionText } from "../../shared/questionnaire-i18n.ts";
import { drawAnswers } from "../../sync-server/demo/interviews.ts";
import { seededRandom } from "../../sync-server/demo/random.ts";
import { canonicalJson, canonicalPayloadJson } from "../../sync-server/ingest/response-row.ts";
import { exportResponsesSql } from "../../sync-server/queries/export-responses.ts";
import {
  answerColumns,
  reportCountsFromResponses,
  reportSums,
  rollupCountColumns,
} from "../../sync-server/queries/rollup-columns.ts";
import {
  questionsOf as figuresOf,
  hiddenOfSelection,
} from "../../sync-server/reports/figures-of-counts.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

/**
 * Every question and answer code of shared/questionnaire.ts, followed downstream: a code added
 * there that some derivation misses fails here (and tests/db/questionnaire-columns.test.ts
 * checks the database holds a column for each).
 */

/** Answers that lead to `question` (its askedWhen answer given) with `value` as its answer. */
function answersWith(question: Question, value: unknown): Answers {
  const answers: Record<string, unknown> = {};
  if (question.askedWhen) answers[question.askedWhen.question] = question.askedWhen.answer;
  answers[question.code] = value;
  return answers as Answers;
}

/** Every (question, value) the questionnaire allows one at a time: each code, and some text. */
type OneAnswer = { question: Question; value: string | string[]; code: string };
const everyAnswer: OneAnswer[] = questions.flatMap((question): OneAnswer[] =>
  question.kind === "text"
    ? [{ question, value: "Kortere kø, tak", code: "" }]
    : question.answers.map((answer) => ({
        question,
        code: answer.code,
        value: question.kind === "multi" ? [answer.code] : answer.code,
      })),
);

const payloadWith = (question: Question, value: unknown) =>
  samplePayload(1, {
    questionnaire: Math.max(sinceOf(question), questionnaireVersion),
    answers: answersWith(question, value),
  });

describe("the questionnaire reaches every derivation", () => {
  it.each(everyAnswer.map((entry) => [`${entry.question.code}=${entry.code}`, entry] as const))(
    "%s passes the server's schema, fast path and rules",
    (_, { question, value }) => {
      const payload = payloadWith(question, value);
      expect(answersSchema.safeParse(payload.answers).success).toBe(true);
      expect(answersValid(payload.answers)).toBe(true);
      expect(fastParse(payload)).toBeDefined();
      expect(checkResponse(payload)).toMatchObject({ ok: true });
    },
  );

  it.each(everyAnswer.map((entry) => [`${entry.question.code}=${entry.code}`, entry] as const))(
    "%s is in the canonical hash, written as the generic canonical JSON",
    (_, { question, value }) => {
      const payload = payloadWith(question, value);
      const json = canonicalPayloadJson(payload);
      expect(json).toBe(canonicalJson(payload));
      expect(json).toContain(`"${question.code}":`);
    },
  );

  it("never drops an answer key it does not know: different content never hashes the same", () => {
    const payload = samplePayload(1);
    const extra = { ...payload, answers: { ...payload.answers, not_a_question: "x" } as Answers };
    expect(canonicalPayloadJson(extra)).not.toBe(canonicalPayloadJson(payload));
    expect(canonicalPayloadJson(extra)).toBe(canonicalJson(extra));
  });

  it("rejects an answer to a question the version does not ask, or one not led to", () => {
    for (const question of questions) {
      const { value } = everyAnswer.find((entry) => entry.question === question) ?? {};
      if (sinceOf(question) > 1) {
        const early = { ...payloadWith(question, value), questionnaire: sinceOf(question) - 1 };
        expect(checkResponse(early)).toMatchObject({ ok: false, code: "unknown_question" });
      }
      const rule = question.askedWhen;
      if (!rule) continue;
      const alone = payloadWith(question, value);
      delete (alone.answers as Record<string, unknown>)[rule.question];
      expect(checkResponse(alone)).toMatchObject({ ok: false, code: rule.otherwise });
    }
  });

  it("has a rollup column, a report sum and a count for every answer of every choice question", () => {
    const names = rollupCountColumns.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
    for (const question of choiceQuestions) {
      for (const [index, answer] of question.answers.entries()) {
        const column = answerColumnName(question.code, answer.code);
        expect(names).toContain(column);
        expect(reportSums).toContain(`as ${column}`);
        expect(reportCountsFromResponses).toContain(`as ${column}`);
        const counts = countsOfRow({ responses: 1, [column]: index + 7 });
        const byAnswer: Record<string, number> = counts.answers[question.code];
        expect(byAnswer[answer.code]).toBe(index + 7);
        const doubled: Record<string, number> = sumCounts([counts, counts]).answers[question.code];
        expect(doubled[answer.code]).toBe(2 * (index + 7));
        const shown = figuresOf(counts, hiddenOfSelection(counts, 1))[question.code];
        expect(Object.keys(shown.counts)).toContain(answer.code);
      }
    }
    for (const question of questions) expect(answerColumns).toContain(question.code);
  });

  it("exports and explains every question and answer", () => {
    const sql = exportResponsesSql(
      {
        municipalityId: "00000000-0000-4000-8000-000000000001",
        from: "2026-01-01",
        to: "2026-01-31",
        siteIds: null,
        kioskId: null,
        includeSuspect: false,
      },
      { delimiter: ",", labels: "da", guardFormulas: true, times: "exact" },
    );
    for (const question of questions) {
      const names =
        question.kind === "multi"
          ? question.answers.map((answer) => multiColumnName(question, answer.code))
          : [question.code];
      for (const name of names) {
        expect(exportColumnNames).toContain(name);
        expect(sql).toContain(`as ${name}`);
        const column = codebookColumns.find((c) => c.name === name);
        expect(column?.question?.map((asked) => asked.version)[0]).toBe(sinceOf(question));
      }
      if (question.kind === "single") {
        const coded = codebookColumns.find((c) => c.name === question.code)?.codes;
        expect(coded?.map((c) => c.code)).toEqual(question.answers.map((a) => a.code));
        for (const answer of question.answers) expect(sql).toContain(`'${answer.label.da}'`);
      }
    }
  });

  it("says every question and answer in all seven languages", () => {
    for (const locale of locales) {
      for (const question of questions) {
        expect(questionText(question.code, locale)).not.toBe("");
        if (locale !== "da") expect(questionText(question.code, locale)).not.toBe(question.text.da);
        if (question.kind === "text") continue;
        for (const answer of question.answers)
          expect(answerLabel(question.code, answer.code, locale)).not.toBe("");
      }
    }
  });

  it("lets the kiosk reach every question, and the demo give every answer", () => {
    for (const question of questions) {
      const { value } = everyAnswer.find((entry) => entry.question === question) ?? {};
      expect(askedQuestions(answersWith(question, value)).map((q) => q.code)).toContain(
        question.code,
      );
    }
    const random = seededRandom(14);
    const given = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      for (const [code, value] of Object.entries(drawAnswers(random, random.next() * 2 - 1))) {
        if (Array.isArray(value)) for (const item of value) given.add(`${code}=${item}`);
        else
          given.add(`${code}=${typeof value === "string" && code.endsWith("_text") ? "" : value}`);
      }
    }
    for (const question of questionsOf(questionnaireVersion)) {
      if (question.kind === "text") expect(given).toContain(`${question.code}=`);
      else
        for (const answer of question.answers)
          expect(given).toContain(`${question.code}=${answer.code}`);
    }
  });

  it("checks answers exactly as strictly on the fast path as in the schema (property)", () => {
    const anyValue = fc.oneof(
      fc.constantFrom(...everyAnswer.map((entry) => entry.value)),
      fc.constantFrom(...everyAnswer.map((entry) => entry.code)),
      fc.string(),
      fc.array(fc.constantFrom(...everyAnswer.map((entry) => entry.code), "x")),
      fc.integer(),
      fc.constant(null),
    );
    const anyKey = fc.constantFrom(
      ...questions.map((q) => q.code),
      "__proto__",
      "constructor",
      "x",
    );
    fc.assert(
      fc.property(fc.dictionary(anyKey, anyValue, { maxKeys: 4 }), (answers) => {
        expect(answersValid(answers)).toBe(answersSchema.safeParse(answers).success);
      }),
      { seed: 14, numRuns: 3000 },
    );
  });
});
