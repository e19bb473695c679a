import pg from "pg";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openEmbeddedDatabase } from "./embedded-db.ts";
import type { Logger } from "./logger.ts";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

// Counts come back as bigint strings by default; ours fit comfortably in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Local dates stay plain "YYYY-MM-DD" strings: a JS Date would shift them by the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Database = { pool: Pool; url: string; close(): Promise<void> };

export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on("error", () => {});
  return pool;
}

/** DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (joined or started). */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const handle: DatabaseHandle = config.databaseUrl
    ? { url: config.databaseUrl, owned: false, stop: async () => {} }
    : await openEmbeddedDatabase(config.dataDir, logger);
  const pool = createPool(handle.url, config.dbPoolSize);
  return {
    pool,
    url: handle.url,
    async close() {
      await pool.end();
      await handle.stop();
    },
  };
}

export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
