import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupCountColumns } from "../../sync-server/queries/rollup-columns.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

/**
 * The local rollups copy rollup_site_daily's columns (migration 0015, `like`), and the derived
 * schema step adds every later count column to every rollup_* table: a numbered migration that
 * adds one to the core rollups by hand must add it to them too, or every local answer stored
 * afterwards would fail. This fails first.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function columnsOf(table: string): Promise<string[]> {
  const result = await db.pool.query<{ name: string }>(
    `select attname::text as name from pg_attribute
     where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
    [table],
  );
  return result.rows.map((row) => row.name);
}

describe("local rollups' columns", () => {
  it("hold every count column of the core rollups, and the code's", async () => {
    const core = await columnsOf("rollup_site_daily");
    const counts = rollupCountColumns.map((column) => column.name);
    for (const table of ["rollup_local_daily", "rollup_local_all_daily"]) {
      const columns = await columnsOf(table);
      expect(columns, table).toEqual(expect.arrayContaining(counts));
      const missing = core.filter((name) => name !== "site_id" && !columns.includes(name));
      expect(missing, table).toEqual([]);
      expect(columns).toEqual(expect.arrayContaining(["version_id", "answer_code"]));
    }
  });

  it("lead every key with municipality_id and refuse an answer code the version lacks", async () => {
    const keys = await db.pool.query<{ table: string; first: string }>(
      `select c.conrelid::regclass::text as table, a.attname::text as first
       from pg_constraint c
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.contype in ('p', 'u', 'f')
         and c.conrelid::regclass::text in ('local_questions', 'local_question_versions',
           'local_question_answers', 'local_answers', 'rollup_local_daily', 'rollup_local_all_daily')`,
    );
    expect(keys.rows.length).toBeGreaterThan(10);
    expect(keys.rows.filter((key) => key.first !== "municipality_id")).toEqual([]);
    const refused = await db.pool
      .query(
        `insert into local_answers (municipality_id, response_id, version_id, answer_code)
         values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'pas')`,
      )
      .then(
        () => "stored",
        (error: { code?: string }) => error.code,
      );
    expect(refused).toBe("23503");
  });
});
