import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Question, questions } from "../shared/questionnaire.ts";
import type { Pool, Queryable } from "./db.ts";
import type { Logger } from "./logger.ts";
import { reconcileQuestionnaireSchema } from "./questionnaire-schema.ts";

export const migrationsDir = fileURLToPath(new URL("../db/migrations/", import.meta.url));

/** Any constant shared by every Borgerpuls server; it serialises migrations across processes. */
const migrationLockKey = 0x426f7267; // "Borg"

export type Migration = { version: number; name: string; file: string };

export function listMigrations(dir = migrationsDir): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2] ?? "", file: path.join(dir, file) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3 … without gaps; found ${migration.version} at ${index + 1}`,
      );
    }
  });
  return migrations;
}

/**
 * Applies pending migrations in order, each in its own transaction, then the derived schema step
 * (questionnaire-schema.ts): the answer columns, CHECKs and count columns the questionnaire
 * derives. A session-level advisory lock makes a second server that starts at the same time
 * wait, then find nothing to do. upTo stops at that version (a restore first builds the schema
 * its backup was taken from). The derived step runs only once this build's last migration is
 * applied: an earlier schema (or another folder's, like the previous release's in the upgrade
 * test) is what those migrations made, and a later one may add the same columns itself (0014).
 * `questions` is for tests: a later questionnaire than this build's.
 */
export async function migrate(
  pool: Pool,
  logger: Logger,
  dir = migrationsDir,
  options: { upTo?: number; questions?: readonly Question[] } = {},
): Promise<number[]> {
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  const all = listMigrations(dir);
  const migrations = all.filter((migration) => migration.version <= upTo);
  const derive = dir === migrationsDir && upTo >= (all.at(-1)?.version ?? 0);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    // DB_STATEMENT_TIMEOUT_MS and DB_LOCK_TIMEOUT_MS are for requests. A migration may rewrite
    // a large table or wait for a running server's transactions, and a second server starting
    // at once waits here for the first one's migrations, however long they take.
    await client.query("set statement_timeout = 0; set lock_timeout = 0");
    await client.query("select pg_advisory_lock($1)", [migrationLockKey]);
    await client.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now())`);
    const done = await client.query<{ version: number }>("select version from schema_migrations");
    const doneVersions = new Set(done.rows.map((row) => row.version));
    for (const migration of migrations) {
      if (doneVersions.has(migration.version)) continue;
      const sql = fs.readFileSync(migration.file, "utf8");
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query("insert into schema_migrations (version, name) values ($1, $2)", [
          migration.version,
          migration.name,
        ]);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(
          `Migration ${path.basename(migration.file)} failed: ${(error as Error).message}`,
        );
      }
      logger.info({ migration: path.basename(migration.file) }, "migration applied");
      applied.push(migration.version);
    }
    if (derive) {
      const ran = await reconcileQuestionnaireSchema(client, options.questions ?? questions);
      for (const { statement, ms } of ran) logger.info({ statement, ms }, "derived schema changed");
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [migrationLockKey]).catch(() => {});
    // Back to the pool's timeouts before the connection serves requests.
    const reset = await client.query("reset statement_timeout; reset lock_timeout").then(
      () => true,
      () => false,
    );
    client.release(!reset);
  }
  return applied;
}

/** The migrations a database has applied, oldest first (empty before the first migrate). */
export async function listAppliedMigrations(
  db: Queryable,
): Promise<{ version: number; name: string }[]> {
  const exists = await db.query<{ present: boolean }>(
    "select to_regclass('schema_migrations') is not null as present",
  );
  if (!exists.rows[0]?.present) return [];
  const result = await db.query<{ version: number; name: string }>(
    "select version, name from schema_migrations order by version",
  );
  return result.rows;
}
