import pg from "pg";
import { type Config, type DatabaseTimeouts, defaultDatabaseTimeouts } from "./config.ts";
import { type DatabaseHandle, openEmbeddedDatabase } from "./embedded-db.ts";
import type { Logger } from "./logger.ts";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/**
 * Where report, dashboard and export reads go: the read replica while it is fresh, else the
 * primary (read-replica.ts). Asked once per request, so a replica that falls behind or away is
 * left at once; writes, sessions and auth never use it.
 */
export type ReadPool = () => Pool;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

// Counts come back as bigint strings by default; ours fit comfortably in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Local dates stay plain "YYYY-MM-DD" strings: a JS Date would shift them by the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Database = {
  pool: Pool;
  url: string;
  /** Restarts of the embedded PostgreSQL after it died (always 0 with DATABASE_URL). */
  restarts(): number;
  close(): Promise<void>;
};

export type PoolOptions = {
  timeouts?: DatabaseTimeouts;
  /** Told of every connection that failed (terminated backend, restart, lost socket). */
  onConnectionError?: (error: Error) => void;
};

export function createPool(url: string, max = 10, options: PoolOptions = {}): Pool {
  const timeouts = options.timeouts ?? defaultDatabaseTimeouts;
  const onConnectionError = options.onConnectionError ?? (() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A request waits this long for a connection, then gets 503 database_timeout.
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    // A transaction left open by a stuck request must not hold its locks for ever.
    idle_in_transaction_session_timeout: Math.max(timeouts.statementMs, 60_000),
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on("error", onConnectionError);
  // pg-pool removes its own 'error' listener while a client is checked out; a backend
  // terminated mid-query then emits 'error' with no listener, which kills Node. The query
  // itself still rejects, so this listener only has to keep the process alive.
  pool.on("connect", (client) => {
    client.on("error", onConnectionError);
  });
  return pool;
}

/** DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (joined or started). */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const handle: DatabaseHandle = config.databaseUrl
    ? { url: config.databaseUrl, owned: false, restarts: () => 0, stop: async () => {} }
    : await openEmbeddedDatabase(config.dataDir, logger, { runtimeDir: config.embeddedRuntimeDir });
  const pool = createPool(handle.url, config.dbPoolSize, {
    timeouts: config.dbTimeouts,
    onConnectionError: (error) =>
      logger.warn(
        { err: error.message },
        "a database connection failed; requests get 503 until it is back",
      ),
  });
  return {
    pool,
    url: handle.url,
    restarts: handle.restarts,
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
  let broken = false;
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that cannot even roll back (its backend was terminated) is not reused.
    client.release(broken);
  }
}
