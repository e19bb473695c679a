import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answers, questions } from "../../shared/questionnaire.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { migrate } from "../../sync-server/migrate.ts";
import { readSchemaCatalogue } from "../../sync-server/queries/questionnaire-schema.ts";
import { countColumnsOf } from "../../sync-server/queries/rollup-columns.ts";
import {
  planQuestionnaireSchema,
  reconcileQuestionnaireSchema,
} from "../../sync-server/questionnaire-schema.ts";
import { laterQuestionnaire as extended } from "../fixtures/later-questionnaire.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import { rollupMismatches } from "../helpers/rollup-consistency.ts";

/**
 * The derived schema step (sync-server/questionnaire-schema.ts) run with a later questionnaire
 * than this build's (tests/fixtures/later-questionnaire.ts: new answers on a single and a multi
 * question, two questions added in version 3). Real PostgreSQL.
 */
const logger = createLogger("silent");
let db: TestDatabase;
let kiosk: { municipalityId: string; siteId: string; kioskId: string };
const day = new Date("2026-03-02T10:00:00+01:00");

const newCountColumns = [
  "got_help_partly",
  "improve_reasons_opening_hours",
  "waited_short",
  "waited_long",
  "contact_ways_phone",
  "contact_ways_web",
  "contact_ways_asked",
];

/** Every row of the given tables in the given columns (the columns the build knows). */
async function snapshot(tables: ReadonlyMap<string, readonly string[]>) {
  const rows: Record<string, unknown[]> = {};
  for (const [table, columns] of tables) {
    const list = columns.map((name) => pg.escapeIdentifier(name)).join(", ");
    const result = await db.pool.query<{ row: unknown }>(
      `select to_jsonb(t) as row from (select ${list} from ${pg.escapeIdentifier(table)}) t
       order by to_jsonb(t)::text`,
    );
    rows[table] = result.rows.map((row) => row.row);
  }
  return rows;
}

async function storedColumns(): Promise<Map<string, string[]>> {
  const catalogue = await readSchemaCatalogue(db.pool);
  return new Map([
    ["responses", [...catalogue.responses.keys()].filter((name) => name !== "received_at")],
    ...[...catalogue.rollups].map(
      ([table, columns]) =>
        [table, [...columns.keys()].filter((name) => name !== "updated_at")] as [string, string[]],
    ),
  ]);
}

/** Every DDL command run in the database from now on (an event trigger writes them down). */
async function recordDdl() {
  await db.pool.query(`
    create table ddl_seen (tag text not null, identity text);
    create function note_ddl() returns event_trigger language plpgsql as $$
    begin
      insert into ddl_seen select command_tag, object_identity from pg_event_trigger_ddl_commands();
    end $$;
    create event trigger note_ddl on ddl_command_end execute function note_ddl();`);
}
async function ddlSeen(): Promise<{ tag: string; identity: string }[]> {
  return (await db.pool.query("select tag, identity from ddl_seen")).rows;
}

/** Inserts a copy of a stored response with other answers (rolled back): stored, or its SQLSTATE. */
async function tryResponse(
  changes: Record<string, string | string[] | number>,
  target: TestDatabase = db,
) {
  const columns = [...(await readSchemaCatalogue(target.pool)).responses.keys()].filter(
    (name) => name !== "suspect",
  );
  const values = Object.values(changes);
  const cast = (value: unknown) =>
    Array.isArray(value) ? "text[]" : typeof value === "number" ? "smallint" : "text";
  const select = columns.map((name) => {
    const index = Object.keys(changes).indexOf(name);
    if (index >= 0) return `$${index + 1}::${cast(values[index])}`;
    if (name === "id") return "gen_random_uuid()";
    if (name === "seq") return "seq + 100000";
    return pg.escapeIdentifier(name);
  });
  const client = await target.pool.connect();
  try {
    await client.query("begin");
    await client.query(
      `insert into responses (${columns.map((name) => pg.escapeIdentifier(name)).join(", ")})
       select ${select.join(", ")} from responses order by id limit 1`,
      values,
    );
    return "stored";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.query("rollback");
    client.release();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  const site = await addSite(db.pool, { name: "Rådhuset", municipality: "Testkommune" });
  const added = await addKiosk(db.pool, { siteId: site.siteId });
  kiosk = { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: added.kioskId };
  const answers: Answers[] = [
    { got_help: "yes", sent_on: "no", guidance: "very_good", improve: "nothing" },
    {
      got_help: "no",
      no_help_reasons: ["staff_busy"],
      improve: "could_be_better",
      improve_reasons: ["shorter_wait"],
    },
    { got_help: "no", sent_on: "yes", referred_ok: "no", guidance: "poor", seen_heard: "no" },
  ];
  await storeInterviews(
    db.pool,
    kiosk,
    answers.map((given, index) =>
      interview(index + 1, new Date(day.getTime() + index * 60_000), given, {
        questionnaire: index === 2 ? 1 : 2,
      }),
    ),
  );
  await recordDdl();
});
afterAll(async () => db?.drop());

describe("the derived schema step", () => {
  it("finds the migrated database holding what this build's questionnaire derives", async () => {
    const catalogue = await readSchemaCatalogue(db.pool);
    expect(planQuestionnaireSchema(questions, catalogue)).toEqual({
      refusals: [],
      alters: [],
      validate: [],
    });
    // Free text: a longer maxLength widens its CHECK; a shorter one is refused.
    const withLength = (maxLength: number) =>
      questions.map((question) =>
        question.kind === "text" ? { ...question, maxLength } : question,
      );
    expect(planQuestionnaireSchema(withLength(800), catalogue)).toMatchObject({
      refusals: [],
      alters: [
        expect.stringMatching(
          /drop constraint responses_improve_text_check,\s+add constraint responses_improve_text_check check \(length\(improve_text\) <= 800\) not valid/,
        ),
      ],
      validate: [{ name: "responses_improve_text_check" }],
    });
    expect(planQuestionnaireSchema(withLength(400), catalogue).refusals).toEqual([
      expect.stringContaining("allows longer text than maxLength 400"),
    ]);
  });

  it("brings the database to a later questionnaire, stored rows and rollups unchanged", async () => {
    const columns = await storedColumns();
    const before = await snapshot(columns);
    expect(before.responses).toHaveLength(3);
    expect(await migrate(db.pool, logger, undefined, { questions: extended })).toEqual([]);

    const catalogue = await readSchemaCatalogue(db.pool);
    expect(planQuestionnaireSchema(extended, catalogue)).toEqual({
      refusals: [],
      alters: [],
      validate: [],
    });
    expect(catalogue.responses.get("waited")).toBe("text");
    expect(catalogue.responses.get("contact_ways")).toBe("text[]");
    const checks = new Map(catalogue.checks.map((check) => [check.name, check]));
    expect(checks.get("responses_got_help_check")?.definition).toContain("'partly'::text");
    expect(checks.get("responses_improve_reasons_check")?.definition).toContain(
      "'opening_hours'::text",
    );
    expect(checks.get("responses_contact_ways_asked_when")?.definition).toContain(
      "(questionnaire >= 3)",
    );
    expect(catalogue.checks.filter((check) => !check.validated)).toEqual([]);
    const tables = [...catalogue.rollups.keys()].sort();
    expect(tables).toEqual([
      "rollup_hourly",
      "rollup_kiosk_daily",
      "rollup_local_all_daily",
      "rollup_local_daily",
      "rollup_municipality_daily",
      "rollup_site_daily",
    ]);
    for (const [table, counts] of catalogue.rollups) {
      for (const name of newCountColumns)
        expect(counts.get(name), `${table}.${name}`).toBe("integer");
    }
    expect(countColumnsOf(extended).map((column) => column.name)).toEqual(
      expect.arrayContaining(newCountColumns),
    );

    expect(await snapshot(columns)).toEqual(before);
    const added = await db.pool.query<{ nonzero: number }>(
      `select count(*)::int as nonzero from rollup_site_daily
       where got_help_partly <> 0 or waited_short <> 0 or contact_ways_asked <> 0`,
    );
    expect(added.rows[0]?.nonzero).toBe(0);
    expect(await rollupMismatches(db.pool)).toEqual([]);
  });

  it("lets a row with a new code in, and still refuses codes and rules the questionnaire lacks", async () => {
    expect(await tryResponse({ got_help: "partly" })).toBe("stored");
    expect(
      await tryResponse({ improve: "could_be_better", improve_reasons: ["opening_hours"] }),
    ).toBe("stored");
    expect(await tryResponse({ questionnaire: 3, waited: "long" })).toBe("stored");
    expect(
      await tryResponse({ questionnaire: 3, got_help: "no", contact_ways: ["web", "phone"] }),
    ).toBe("stored");
    // check_violation: an unknown code, an answer of a version that does not ask it, one not led to.
    expect(await tryResponse({ got_help: "maybe" })).toBe("23514");
    expect(await tryResponse({ questionnaire: 2, waited: "long" })).toBe("23514");
    expect(await tryResponse({ questionnaire: 3, got_help: "yes", contact_ways: ["web"] })).toBe(
      "23514",
    );
    expect(await tryResponse({ questionnaire: 3, got_help: "no", contact_ways: ["fax"] })).toBe(
      "23514",
    );
  });

  it("does nothing the second time: no DDL at all", async () => {
    const seen = await ddlSeen();
    expect(seen.length).toBeGreaterThan(0);
    expect(await migrate(db.pool, logger, undefined, { questions: extended })).toEqual([]);
    const client = await db.pool.connect();
    try {
      expect(await reconcileQuestionnaireSchema(client, extended)).toEqual([]);
    } finally {
      client.release();
    }
    expect(await ddlSeen()).toEqual(seen);
  });

  it("refuses a removed answer, naming it and asking for a numbered migration", async () => {
    const removed = extended.map((question) =>
      question.kind === "single" && question.code === "guidance"
        ? {
            ...question,
            answers: question.answers.filter((answer) => answer.code !== "unacceptable"),
          }
        : question,
    );
    const seen = await ddlSeen();
    await expect(migrate(db.pool, logger, undefined, { questions: removed })).rejects.toThrow(
      /guidance.*unacceptable[\s\S]*rollup_site_daily\.guidance_unacceptable[\s\S]*numbered migration/,
    );
    // Nor does it take the rest of the questionnaire halfway.
    await expect(migrate(db.pool, logger, undefined, { questions })).rejects.toThrow(
      /got_help.*partly/,
    );
    expect(await ddlSeen()).toEqual(seen);
  });

  it("leaves a new rule the stored rows break not valid, enforced for new rows, and says so", async () => {
    const other = await createTestDatabase();
    try {
      const site = await addSite(other.pool, { name: "Rådhuset", municipality: "Testkommune" });
      const added = await addKiosk(other.pool, { siteId: site.siteId });
      const scope = {
        municipalityId: site.municipalityId,
        siteId: site.siteId,
        kioskId: added.kioskId,
      };
      await storeInterviews(other.pool, scope, [
        interview(1, day, { got_help: "no", seen_heard: "no" }),
        interview(2, new Date(day.getTime() + 60_000), { got_help: "yes", seen_heard: "yes" }),
      ]);
      // A later questionnaire asking seen_heard only after got_help = yes: one stored row breaks it.
      const stricter = questions.map((question) =>
        question.code === "seen_heard"
          ? {
              ...question,
              askedWhen: {
                question: "got_help" as const,
                answer: "yes",
                otherwise: "referred_ok_without_sent_on" as const,
              },
            }
          : question,
      );
      await expect(migrate(other.pool, logger, undefined, { questions: stricter })).rejects.toThrow(
        /^1 stored responses break responses_seen_heard_asked_when .*numbered migration/,
      );
      const check = (await readSchemaCatalogue(other.pool)).checks.find(
        (found) => found.name === "responses_seen_heard_asked_when",
      );
      expect(check?.validated).toBe(false);
      expect(await tryResponse({ got_help: "no", seen_heard: "no" }, other)).toBe("23514");
      expect(await tryResponse({ got_help: "yes", seen_heard: "no" }, other)).toBe("stored");
    } finally {
      await other.drop();
    }
  });
});
