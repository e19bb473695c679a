import { answerColumnName, askedColumnName } from "../../shared/counts.ts";
import {
  type MultiChoice,
  type Question,
  questions,
  type SingleChoice,
  sinceOf,
} from "../../shared/questionnaire.ts";

/**
 * The SQL fragments for the responses' answer columns and the rollup tables' count columns
 * (db/migrations/0005_rollups.sql and later), derived from the questionnaire and shared by the
 * ingest insert, the upsert, the backfill and the report queries. Constant SQL: every name and
 * literal is a questionnaire code (checked to be a plain identifier); nothing comes from input.
 * The database's own columns are made from the same derivations by the derived schema step
 * (sync-server/questionnaire-schema.ts) and checked by tests/db/questionnaire-columns.test.ts.
 */

/** A questionnaire code, checked to be a plain SQL identifier (so it can stand in SQL as is). */
export const questionnaireCode = (text: string) => {
  if (!/^[a-z][a-z0-9_]*$/.test(text)) throw new Error(`not a questionnaire code: ${text}`);
  return text;
};
const code = questionnaireCode;

/** The responses table's answer columns, one per question, in questionnaire order. */
export const answerColumns = questions.map((question) => code(question.code)).join(", ");

/** The same columns out of an unnest aliased r (a multi choice arrives as its literal's text). */
export const answerValuesOfUnnest = questions
  .map((question) => `r.${code(question.code)}${question.kind === "multi" ? "::text[]" : ""}`)
  .join(", ");

/**
 * The SQL condition (over a responses row, optionally through `alias.`) that the question was
 * asked: its askedWhen answer was given, in a version that asks it.
 */
export function askedCondition(question: Question, alias = ""): string {
  const parts: string[] = [];
  if (question.askedWhen) {
    parts.push(
      `${alias}${code(question.askedWhen.question)} = '${code(question.askedWhen.answer)}'`,
    );
  }
  if (sinceOf(question) > 1) parts.push(`${alias}questionnaire >= ${sinceOf(question)}`);
  return parts.length === 0 ? "true" : parts.join(" and ");
}

/**
 * The condition for a response to be counted anywhere: it answers at least one question. One
 * that answers none (Start, then Back or walking away, sent by kiosks before issue 11) is still
 * stored, because its seq matters to the gap check, but it is a passer-by, not a citizen's view.
 * Every rollup and every count from raw responses filters on it.
 */
export const answeredAnything = answeredAnythingOf(questions);

/** answeredAnything over some questions (a schema of an earlier questionnaire version). */
export function answeredAnythingOf(asked: readonly Question[]): string {
  return `num_nonnulls(${asked.map((question) => code(question.code)).join(", ")}) > 0`;
}

export type CountColumn = { name: string; fromResponses: string };

/** The count columns of some questions: the schema's for every version, or an earlier one's. */
export function countColumnsOf(asked: readonly Question[]): CountColumn[] {
  const choices = asked.filter(
    (question): question is SingleChoice | MultiChoice => question.kind !== "text",
  );
  const multiAddedLater = choices.filter(
    (question): question is MultiChoice => question.kind === "multi" && sinceOf(question) > 1,
  );
  return [
    { name: "responses", fromResponses: "count(*)" },
    { name: "abandoned", fromResponses: "count(*) filter (where status = 'abandoned')" },
    ...choices.flatMap((question) =>
      question.answers.map((answer) => ({
        name: answerColumnName(question.code, answer.code),
        fromResponses:
          question.kind === "multi"
            ? `count(*) filter (where '${code(answer.code)}' = any (${code(question.code)}))`
            : `count(*) filter (where ${code(question.code)} = '${code(answer.code)}')`,
      })),
    ),
    ...multiAddedLater.map((question) => ({
      name: askedColumnName(question.code),
      fromResponses: `count(*) filter (where ${askedCondition(question)})`,
    })),
  ];
}

/** Every count column: its name and how a raw responses row is counted into it. */
export const rollupCountColumns: readonly CountColumn[] = countColumnsOf(questions);

const each = (format: (column: CountColumn) => string) =>
  rollupCountColumns.map(format).join(",\n  ");

/** The count columns, in rollupCountColumns order. */
export const countColumns = each((column) => column.name);

/** The same counts computed from raw `responses` rows (in countColumns order). */
export const countsFromResponses = each((column) => column.fromResponses);

/** Sums of the given count columns, in their order (an earlier version's for a rebuild). */
export const sumsOf = (columns: readonly CountColumn[]) =>
  columns.map((column) => `sum(${column.name})`).join(",\n  ");

/** Sums of a batch's counts (a CTE named batch with the countColumns), for re-grouping. */
export const sumsOfBatch = sumsOf(rollupCountColumns);

/** ON CONFLICT … DO UPDATE: add the batch's counts to the stored row (alias t). */
export const addExcluded = `${each((column) => `${column.name} = t.${column.name} + excluded.${column.name}`)},
  updated_at = now()`;

const reported = rollupCountColumns.filter((column) => column.name !== "abandoned");

/** Report sums over rollup rows, named as the columns (int8 → number, see db.ts). */
export const reportSums = reported
  .map((column) => `sum(${column.name}) as ${column.name}`)
  .join(",\n  ");

/** The same report sums computed from raw responses: the benchmark's baseline and tests' oracle. */
export const reportCountsFromResponses = reported
  .map((column) => `${column.fromResponses} as ${column.name}`)
  .join(",\n  ");
