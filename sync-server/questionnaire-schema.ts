import { type Question, sinceOf } from "../shared/questionnaire.ts";
import type { PoolClient } from "./db.ts";
import {
  addAnswerColumn,
  addCheck,
  addCountColumn,
  alterTable,
  answerColumnType,
  askedCheckExpression,
  askedCheckName,
  type CatalogueCheck,
  codesCheckExpression,
  codesCheckName,
  countBreaking,
  countColumnType,
  dropCheck,
  readSchemaCatalogue,
  type SchemaCatalogue,
  validateCheck,
} from "./queries/questionnaire-schema.ts";
import { countColumnsOf } from "./queries/rollup-columns.ts";

/**
 * The derived schema step: after the numbered migrations, migrate() makes the database hold what
 * the questionnaire derives — an answer column per question, its CHECK of allowed codes and its
 * asked-when CHECK on responses, and a count column per answer (and `<question>_asked` for a
 * multi-choice question added in a later version) in every rollup table. So a new answer or
 * question is a change in shared/questionnaire.ts plus its translations, no migration.
 *
 * It only ever adds or widens. Removing an answer or a question, or changing a rule, would change
 * what stored answers mean, so it refuses and asks for a numbered migration instead. The
 * catalogue is compared first: when it already holds everything, nothing is written (no DDL).
 */

export class QuestionnaireSchemaRefused extends Error {
  override name = "QuestionnaireSchemaRefused";
}

type Check = { name: string; expression: string };
export type RanStatement = { statement: string; ms: number };
export type SchemaPlan = {
  /** Why the database cannot be brought to the questionnaire automatically. */
  refusals: string[];
  /** One ALTER TABLE per table that changes: responses first, then the rollups by name. */
  alters: string[];
  /** CHECKs to validate against the stored rows (new, widened, or left not valid earlier). */
  validate: Check[];
};

/** The string literals of a CHECK as PostgreSQL prints it: 'yes'::text → yes. */
function literalsOf(definition: string): string[] {
  return [...definition.matchAll(/'((?:[^']|'')*)'::text/g)].map((match) => match[1] ?? "");
}

/** What the stored codes CHECK allows beyond the questionnaire (refused), or that it lacks. */
function compareCodes(
  question: Question,
  stored: CatalogueCheck,
): { refused?: string; widen: boolean } {
  const where = `responses.${question.code} (${stored.name}: ${stored.definition})`;
  if (question.kind === "text") {
    const length = /^CHECK \(\(length\(\w+\) <= (\d+)\)\)$/.exec(stored.definition)?.[1];
    if (length === undefined) return { refused: `${where} is not a length check`, widen: false };
    if (Number(length) > question.maxLength)
      return {
        refused: `${where} allows longer text than maxLength ${question.maxLength}`,
        widen: false,
      };
    return { widen: Number(length) < question.maxLength };
  }
  const shape = question.kind === "multi" ? " <@ ARRAY[" : " = ANY (ARRAY[";
  if (!stored.definition.includes(shape))
    return { refused: `${where} is not the ${question.kind} choice check`, widen: false };
  const storedCodes = new Set(literalsOf(stored.definition));
  const codes = question.answers.map((answer) => answer.code);
  const removed = [...storedCodes].filter((code) => !codes.includes(code));
  if (removed.length > 0)
    return {
      refused: `${where} allows ${removed.join(", ")}, not in the questionnaire`,
      widen: false,
    };
  return { widen: codes.some((code) => !storedCodes.has(code)) };
}

/** The asked-when CHECK of a question: the one named here, or one a numbered migration made. */
function findAskedCheck(question: Question, checks: readonly CatalogueCheck[]) {
  const prefix = `CHECK (((${question.code} IS NULL) OR `;
  return (
    checks.find((check) => check.name === askedCheckName(question)) ??
    checks.find((check) => check.definition.startsWith(prefix))
  );
}

/** Whether a stored asked-when CHECK says the questionnaire's rule (PostgreSQL's own printing). */
function holdsRule(question: Question, stored: CatalogueCheck): boolean {
  const parts: string[] = [];
  if (question.askedWhen)
    parts.push(`(${question.askedWhen.question} = '${question.askedWhen.answer}'::text)`);
  if (sinceOf(question) > 1) parts.push(`(questionnaire >= ${sinceOf(question)})`);
  return parts.every((part) => stored.definition.includes(part));
}

function planResponses(questions: readonly Question[], catalogue: SchemaCatalogue) {
  const refusals: string[] = [];
  const actions: string[] = [];
  const validate: Check[] = [];
  const byName = new Map(catalogue.checks.map((check) => [check.name, check]));
  const add = (check: Check) => {
    actions.push(addCheck(check.name, check.expression));
    validate.push(check);
  };
  for (const question of questions) {
    const type = catalogue.responses.get(question.code);
    if (type === undefined) actions.push(addAnswerColumn(question));
    else if (type !== answerColumnType(question))
      refusals.push(
        `responses.${question.code} is ${type}, the questionnaire makes it ${answerColumnType(question)}`,
      );

    const codes = { name: codesCheckName(question), expression: codesCheckExpression(question) };
    const storedCodes = byName.get(codes.name);
    if (!storedCodes) add(codes);
    else {
      const { refused, widen } = compareCodes(question, storedCodes);
      if (refused) refusals.push(refused);
      else if (widen) {
        actions.push(dropCheck(codes.name));
        add(codes);
      } else if (!storedCodes.validated) validate.push(codes);
    }

    if (!question.askedWhen && sinceOf(question) === 1) continue;
    const asked = findAskedCheck(question, catalogue.checks);
    const expression = askedCheckExpression(question);
    if (!asked) add({ name: askedCheckName(question), expression });
    else if (!holdsRule(question, asked))
      refusals.push(
        `responses.${question.code} is asked by another rule (${asked.name}: ${asked.definition}) than the questionnaire's (${expression})`,
      );
    else if (!asked.validated) validate.push({ name: asked.name, expression });
  }
  return { refusals, actions, validate };
}

function planRollups(questions: readonly Question[], catalogue: SchemaCatalogue) {
  const refusals: string[] = [];
  const alters: string[] = [];
  const counts = countColumnsOf(questions).map((column) => column.name);
  for (const [table, columns] of catalogue.rollups) {
    const actions = counts.filter((name) => !columns.has(name)).map(addCountColumn);
    for (const [name, type] of columns) {
      if (counts.includes(name) && type !== countColumnType)
        refusals.push(`${table}.${name} is ${type}, not a count (${countColumnType})`);
      // Every integer column of a rollup is a count (keys are uuid, date, smallint, boolean).
      if (!counts.includes(name) && type === countColumnType)
        refusals.push(`${table}.${name} counts an answer the questionnaire no longer has`);
    }
    if (actions.length > 0) alters.push(alterTable(table, actions));
  }
  return { refusals, alters };
}

/** What it takes to bring the catalogue to the questionnaire; pure, so a test can read it. */
export function planQuestionnaireSchema(
  questions: readonly Question[],
  catalogue: SchemaCatalogue,
): SchemaPlan {
  const responses = planResponses(questions, catalogue);
  const rollups = planRollups(questions, catalogue);
  return {
    refusals: [...responses.refusals, ...rollups.refusals],
    alters: [
      ...(responses.actions.length > 0 ? [alterTable("responses", responses.actions)] : []),
      ...rollups.alters,
    ],
    validate: responses.validate,
  };
}

const refusedMessage = (refusals: readonly string[]) =>
  `The database holds what the questionnaire (shared/questionnaire.ts) no longer derives:\n- ${refusals.join("\n- ")}\nStored answers keep their meaning, so removing an answer or a question, or changing a rule, is never done automatically: write a numbered migration in db/migrations that makes the change (and says what becomes of the stored answers).`;

/**
 * Brings the database to `questions` (the questionnaire; a test passes a later one) on the
 * migration client, which holds migrate()'s advisory lock. Every ALTER runs in one transaction,
 * responses before the rollups (ingest's order, so neither waits for the other in a cycle); each
 * takes its table's ACCESS EXCLUSIVE lock only for catalogue changes: a column with a constant
 * default is metadata only, and a CHECK is added NOT VALID. The scans that validate those CHECKs
 * run after the commit, each in its own statement, under a lock that lets ingest go on.
 * Returns the statements it ran, each with how long it took: none when the database already
 * held everything.
 */
export async function reconcileQuestionnaireSchema(
  client: PoolClient,
  questions: readonly Question[],
): Promise<RanStatement[]> {
  const ran: RanStatement[] = [];
  const run = async (statement: string) => {
    const started = performance.now();
    await client.query(statement);
    ran.push({ statement, ms: Math.round(performance.now() - started) });
  };
  await client.query("begin");
  let plan: SchemaPlan;
  try {
    plan = planQuestionnaireSchema(questions, await readSchemaCatalogue(client));
    if (plan.refusals.length > 0)
      throw new QuestionnaireSchemaRefused(refusedMessage(plan.refusals));
    for (const statement of plan.alters) await run(statement);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
  for (const check of plan.validate) {
    try {
      await run(validateCheck(check.name));
    } catch (error) {
      const breaking = await countBreaking(client, check.expression);
      if (breaking === 0) throw error;
      // It stays NOT VALID: enforced for new rows, the stored ones left as they are.
      throw new QuestionnaireSchemaRefused(
        `${breaking} stored responses break ${check.name} (${check.expression}), derived from shared/questionnaire.ts. New rows are checked already; correct the stored ones, or change them in a numbered migration, and migrate again.`,
      );
    }
  }
  return ran;
}
