import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { createPool } from "../../sync-server/db.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { listMigrations, migrate } from "../../sync-server/migrate.ts";
import { createEmptyDatabase, type TestDatabase } from "../helpers/database.ts";

const logger = createLogger("silent");
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe("migrations", () => {
  it("apply in order to an empty database, and a second run finds nothing to do", async () => {
    db = await createEmptyDatabase();
    const all = listMigrations().map((m) => m.version);
    expect(await migrate(db.pool, logger)).toEqual(all);
    expect(await migrate(db.pool, logger)).toEqual([]);
    const recorded = await db.pool.query("select version from schema_migrations order by version");
    expect(recorded.rows.map((row) => row.version)).toEqual(all);
  });

  it("two servers starting at once apply each migration exactly once", async () => {
    db = await createEmptyDatabase();
    const pool = db.pool;
    const [first, second] = await Promise.all([migrate(pool, logger), migrate(pool, logger)]);
    expect([...(first ?? []), ...(second ?? [])].sort((a, b) => a - b)).toEqual(
      listMigrations().map((m) => m.version),
    );
  });

  it("make a second server wait for the first one's migrations longer than the lock timeout", async () => {
    db = await createEmptyDatabase();
    // Request timeouts far shorter than applying every migration takes.
    const pool = createPool(db.url, 4, {
      timeouts: { connectMs: 5000, statementMs: 100, lockMs: 100 },
    });
    try {
      const [first, second] = await Promise.all([migrate(pool, logger), migrate(pool, logger)]);
      expect([...first, ...second].sort((a, b) => a - b)).toEqual(
        listMigrations().map((m) => m.version),
      );
      // The connections are back on the pool's timeouts afterwards.
      const setting = await pool.query<{ lock_timeout: string }>("show lock_timeout");
      expect(setting.rows[0]?.lock_timeout).toBe("100ms");
    } finally {
      await pool.end();
    }
  });

  it("roll a failing migration back whole and name the file", async () => {
    db = await createEmptyDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    fs.writeFileSync(path.join(dir, "0001_good.sql"), "create table good (id int);");
    fs.writeFileSync(
      path.join(dir, "0002_bad.sql"),
      "create table half (id int); select * from no_such_table;",
    );
    await expect(migrate(db.pool, logger, dir)).rejects.toThrow(
      /0002_bad\.sql failed.*no_such_table/,
    );
    const tables = await db.pool.query(
      "select to_regclass('good') as good, to_regclass('half') as half",
    );
    expect(tables.rows[0]).toEqual({ good: "good", half: null });
    fs.rmSync(dir, { recursive: true });
  });

  it("reject migration files with gaps in their numbers", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    fs.writeFileSync(path.join(dir, "0001_a.sql"), "");
    fs.writeFileSync(path.join(dir, "0003_c.sql"), "");
    expect(() => listMigrations(dir)).toThrow(/without gaps/);
    fs.rmSync(dir, { recursive: true });
  });

  it("put a response of this month into this month's partition, keyed by its UUIDv7", async () => {
    db = await createEmptyDatabase();
    await migrate(db.pool, logger);
    const id = newId();
    const partition = await db.pool.query(
      `select c.relname from pg_class c join pg_inherits i on i.inhrelid = c.oid
       where i.inhparent = 'responses'::regclass
         and $1::uuid >= uuidv7_floor(date_trunc('month', now()))
         and c.relname = 'responses_p' || to_char(now() at time zone 'UTC', 'YYYYMM')`,
      [id],
    );
    expect(partition.rowCount).toBe(1);
  });
});
