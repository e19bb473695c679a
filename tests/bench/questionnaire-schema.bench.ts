import pg from "pg";
import { newId } from "../../shared/ids.ts";
import { readSchemaCatalogue } from "../../sync-server/queries/questionnaire-schema.ts";
import {
  type RanStatement,
  reconcileQuestionnaireSchema,
} from "../../sync-server/questionnaire-schema.ts";
import { laterQuestionnaire } from "../fixtures/later-questionnaire.ts";
import { openBenchDatabase } from "./bench-postgres.ts";
import { fillUpgradeBench } from "./report-data.ts";

/**
 * The derived schema step at BENCH_RESPONSES (default 1 million) responses: this build's schema,
 * then a later questionnaire (tests/fixtures/later-questionnaire.ts: a widened CHECK on got_help
 * and improve_reasons, two new questions with their CHECKs, seven count columns in each of the
 * six rollups). Timed: the DDL transaction (the time responses and the rollups are locked
 * ACCESS EXCLUSIVE), each validation scan (SHARE UPDATE EXCLUSIVE: ingest goes on), and the
 * slowest insert of a response made meanwhile every 20 ms, to show what ingest waits.
 * Prints numbers only; nothing here asserts a time.
 */
const total = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (started: number) => `${(performance.now() - started).toFixed(0)} ms`;

const db = await openBenchDatabase();
try {
  const municipalityId = newId();
  await fillUpgradeBench(db.pool, { municipalityId, total });
  say(`${total.toLocaleString("en")} responses on this build's schema`);

  // What ingest meets meanwhile: a response inserted (and rolled back) every 20 ms.
  const columns = [...(await readSchemaCatalogue(db.pool)).responses.keys()]
    .filter((name) => name !== "suspect")
    .map((name) => pg.escapeIdentifier(name));
  const copy = columns.map((name) =>
    name === '"id"' ? "gen_random_uuid()" : name === '"seq"' ? "seq + 10000000" : name,
  );
  let probing = true;
  const waits: number[] = [];
  const probe = async () => {
    while (probing) {
      const client = await db.pool.connect();
      const started = performance.now();
      try {
        await client.query("begin");
        await client.query(
          `insert into responses (${columns.join(", ")}) select ${copy.join(", ")} from responses limit 1`,
        );
      } finally {
        await client.query("rollback");
        client.release();
      }
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const summary = (label: string) => {
    const sorted = waits.splice(0).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    say(
      `${label}: ${sorted.length} inserts, median ${median.toFixed(1)} ms, slowest ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
    );
  };
  // The same probe for 3 s before, for a baseline on this machine.
  let running = probe();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  probing = false;
  await running;
  summary("ingest before");
  probing = true;
  running = probe();

  const client = await db.pool.connect();
  const started = performance.now();
  let ran: RanStatement[];
  try {
    ran = await reconcileQuestionnaireSchema(client, laterQuestionnaire);
  } finally {
    client.release();
  }
  say(`derived schema step, ${ran.length} statements, ${ms(started)} in all:`);
  for (const { statement, ms: took } of ran)
    say(`  ${took} ms: ${statement.replace(/\s+/g, " ").slice(0, 150)}`);
  probing = false;
  await running;
  summary("ingest meanwhile");
  const again = performance.now();
  const second = await db.pool.connect();
  try {
    const none = await reconcileQuestionnaireSchema(second, laterQuestionnaire);
    say(`second run: ${none.length} statements, ${ms(again)}`);
  } finally {
    second.release();
  }
} finally {
  await db.close();
}
