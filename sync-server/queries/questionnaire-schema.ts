import pg from "pg";
import type { Question } from "../../shared/questionnaire.ts";
import type { Queryable } from "../db.ts";
import { askedCondition, questionnaireCode } from "./rollup-columns.ts";

/**
 * The catalogue reads and the DDL of the derived schema step (sync-server/questionnaire-schema.ts):
 * responses' answer columns and CHECKs, and the rollup tables' count columns, as the
 * questionnaire derives them. Every identifier is a questionnaire code (checked to be a plain
 * identifier by rollup-columns.ts) or a table name read from the catalogue; every literal is an
 * answer code. Nothing comes from input.
 */

/** A rollup table is one named rollup_* (each holds every count column; see 0005 and later). */
const rollupTablePattern = "rollup\\_%";

export type CatalogueCheck = { name: string; definition: string; validated: boolean };
export type SchemaCatalogue = {
  /** Column name → type (format_type) of responses. */
  responses: Map<string, string>;
  /** Table name → column name → type, for every rollup table. */
  rollups: Map<string, Map<string, string>>;
  /** responses' CHECK constraints as PostgreSQL prints them. */
  checks: CatalogueCheck[];
};

export async function readSchemaCatalogue(db: Queryable): Promise<SchemaCatalogue> {
  const columns = await db.query<{ table: string; name: string; type: string }>(
    `select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type
       from pg_class c
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
        and not c.relispartition and (c.relname = 'responses' or c.relname like $1)
      order by c.relname, a.attnum`,
    [rollupTablePattern],
  );
  const checks = await db.query<CatalogueCheck>(
    `select conname as name, pg_get_constraintdef(oid) as definition, convalidated as validated
       from pg_constraint
      where conrelid = 'responses'::regclass and contype = 'c'
      order by conname`,
  );
  const responses = new Map<string, string>();
  const rollups = new Map<string, Map<string, string>>();
  for (const column of columns.rows) {
    if (column.table === "responses") {
      responses.set(column.name, column.type);
      continue;
    }
    const table = rollups.get(column.table) ?? new Map<string, string>();
    table.set(column.name, column.type);
    rollups.set(column.table, table);
  }
  return { responses, rollups, checks: checks.rows };
}

/** The type of a question's responses column. */
export const answerColumnType = (question: Question) =>
  question.kind === "multi" ? "text[]" : "text";
/** The type every count column has (PostgreSQL's name for it, as format_type prints it). */
export const countColumnType = "integer";

const literal = (text: string) => `'${questionnaireCode(text)}'`;

/** The name PostgreSQL gave the column CHECKs of 0002 and 0014: responses_<question>_check. */
export const codesCheckName = (question: Question) =>
  `responses_${questionnaireCode(question.code)}_check`;
/** The name of a question's asked-when CHECK made here (0002 and 0014 named theirs by hand). */
export const askedCheckName = (question: Question) =>
  `responses_${questionnaireCode(question.code)}_asked_when`;

/** What a question's answer may hold: its codes, or for free text its length. */
export function codesCheckExpression(question: Question): string {
  const column = questionnaireCode(question.code);
  if (question.kind === "text") {
    if (!Number.isInteger(question.maxLength))
      throw new Error(`${column}: maxLength not an integer`);
    return `length(${column}) <= ${question.maxLength}`;
  }
  const codes = question.answers.map((answer) => literal(answer.code)).join(", ");
  return question.kind === "multi" ? `${column} <@ array[${codes}]` : `${column} in (${codes})`;
}

/** Answered only when asked (rollup-columns' askedCondition: its askedWhen and its version). */
export function askedCheckExpression(question: Question): string {
  return `${questionnaireCode(question.code)} is null or (${askedCondition(question)})`;
}

/** One ALTER TABLE's action. */
export const addAnswerColumn = (question: Question) =>
  `add column ${questionnaireCode(question.code)} ${answerColumnType(question)}`;
/** A constant default: adding it is a catalogue change, no table rewrite. */
export const addCountColumn = (name: string) =>
  `add column ${questionnaireCode(name)} ${countColumnType} not null default 0`;
/** Not valid: enforced for new rows at once; the stored ones are checked by validateCheck. */
export const addCheck = (name: string, expression: string) =>
  `add constraint ${questionnaireCode(name)} check (${expression}) not valid`;
export const dropCheck = (name: string) => `drop constraint ${questionnaireCode(name)}`;

/** One statement doing every action on a table (one lock, one catalogue change). */
export const alterTable = (table: string, actions: readonly string[]) =>
  `alter table ${pg.escapeIdentifier(table)}\n  ${actions.join(",\n  ")}`;

/**
 * Checks the stored rows against a not-valid CHECK. It takes SHARE UPDATE EXCLUSIVE on responses
 * and each partition: ingest (ROW EXCLUSIVE) and reports go on while it scans.
 */
export const validateCheck = (name: string) =>
  `alter table responses validate constraint ${questionnaireCode(name)}`;

/** How many stored responses break a check (for the message when validating it fails). */
export async function countBreaking(db: Queryable, expression: string): Promise<number> {
  const result = await db.query<{ breaking: number }>(
    `select count(*)::int as breaking from responses where not (${expression})`,
  );
  return result.rows[0]?.breaking ?? 0;
}
