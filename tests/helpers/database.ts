import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { defaultDatabaseTimeouts } from "../../sync-server/config.ts";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { withDatabase } from "./postgres-global-setup.ts";

export type TestDatabase = { pool: Pool; url: string; name: string; drop(): Promise<void> };

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function createDatabase(prefix: string, template: string | undefined): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ""}`);
  const url = withDatabase(inject("pgAdminUrl"), name);
  // Fixtures insert up to millions of rows in one statement; on a loaded machine that can pass
  // the request statement timeout. Tests of the timeouts make pools of their own.
  const pool = createPool(url, 10, {
    timeouts: { ...defaultDatabaseTimeouts, statementMs: 600_000 },
  });
  return {
    pool,
    url,
    name,
    async drop() {
      await pool.end();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A fresh, migrated database of its own, cloned from the run's template (fast: a file copy). */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase("borgerpuls_test", inject("pgTemplate"));
}

/** An empty database (no migrations), for testing the migrations themselves. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return createDatabase("borgerpuls_empty", undefined);
}
