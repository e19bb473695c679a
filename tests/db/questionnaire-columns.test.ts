import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countsOfRow, sumCounts } from "../../shared/counts.ts";
import {
  type Answers,
  choiceQuestions,
  type Question,
  questions,
  sinceOf,
} from "../../shared/questionnaire.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import {
  countsByDate,
  countsByDateFromResponses,
} from "../../sync-server/queries/report-rollups.ts";
import { rollupCountColumns } from "../../sync-server/queries/rollup-columns.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";

/**
 * The migrated schema holds what the questionnaire derives: an answer column per question, a
 * count column per answer in every rollup, and its CHECKs accept every code. One response per
 * answer code is stored through the ingest path and counted exactly once in its own column.
 */
let db: TestDatabase;
let kiosk: { municipalityId: string; siteId: string; kioskId: string };
const day = new Date("2026-03-02T10:00:00+01:00");

beforeAll(async () => {
  db = await createTestDatabase();
  const site = await addSite(db.pool, { name: "Rådhuset", municipality: "Testkommune" });
  const added = await addKiosk(db.pool, { siteId: site.siteId });
  kiosk = { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: added.kioskId };
});
afterAll(async () => db?.drop());

async function columnsOf(table: string): Promise<string[]> {
  const result = await db.pool.query<{ name: string }>(
    "select column_name as name from information_schema.columns where table_name = $1",
    [table],
  );
  return result.rows.map((row) => row.name);
}

/** Answers leading to `question`, with `value` as its answer. */
function answersWith(question: Question, value: unknown): Answers {
  const answers: Record<string, unknown> = {};
  if (question.askedWhen) answers[question.askedWhen.question] = question.askedWhen.answer;
  answers[question.code] = value;
  return answers as Answers;
}

/** Each answer is sent in the first version that asks its question (v1 and later side by side). */
const versionFor = (question: Question) => sinceOf(question);

describe("the database and the questionnaire", () => {
  it("has a responses column per question and every count column in each rollup", async () => {
    expect(await columnsOf("responses")).toEqual(
      expect.arrayContaining(questions.map((question) => question.code)),
    );
    for (const table of [
      "rollup_municipality_daily",
      "rollup_site_daily",
      "rollup_kiosk_daily",
      "rollup_hourly",
    ]) {
      expect(await columnsOf(table)).toEqual(
        expect.arrayContaining(rollupCountColumns.map((column) => column.name)),
      );
    }
  });

  it("stores every answer code and counts each in its own column, rollups equal to raw rows", async () => {
    const payloads = choiceQuestions.flatMap((question) =>
      question.answers
        .map((answer) =>
          answersWith(question, question.kind === "multi" ? [answer.code] : answer.code),
        )
        .map((answers, index) => ({ answers, question, index })),
    );
    await storeInterviews(
      db.pool,
      kiosk,
      payloads.map(({ answers, question }, seq) =>
        interview(seq + 1, new Date(day.getTime() + seq * 60_000), answers, {
          questionnaire: versionFor(question),
        }),
      ),
    );
    expect(await rollupMismatches(db.pool)).toEqual([]);
    const scope = { ...kiosk, siteIds: null, kioskId: null, includeSuspect: false };
    const [rolled] = await countsByDate(db.pool, scope, "2026-03-02", "2026-03-02");
    const [raw] = await countsByDateFromResponses(db.pool, scope, "2026-03-02", "2026-03-02");
    expect(rolled).toEqual(raw);
    // What the payloads say, counted in memory, answer by answer.
    const expected = sumCounts(
      payloads.map(({ answers, question }) => {
        const row: Record<string, number> = { responses: 1 };
        for (const [code, value] of Object.entries(answers)) {
          for (const item of Array.isArray(value) ? value : [value]) row[`${code}_${item}`] = 1;
        }
        // A multi-choice question added later has its own N: asked in its versions only.
        for (const later of choiceQuestions) {
          const rule = later.askedWhen;
          if (later.kind !== "multi" || sinceOf(later) === 1 || !rule) continue;
          const version = versionFor(question);
          if (answers[rule.question] === rule.answer && version >= sinceOf(later))
            row[`${later.code}_asked`] = 1;
        }
        return countsOfRow(row);
      }),
    );
    expect(rolled).toEqual({ key: "2026-03-02", ...expected });
  });
});
