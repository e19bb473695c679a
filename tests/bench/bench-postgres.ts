import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultDatabaseTimeouts, loadConfig } from "../../sync-server/config.ts";
import { createPool, type Pool } from "../../sync-server/db.ts";
import { processAlive } from "../../sync-server/embedded-db.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { migrate } from "../../sync-server/migrate.ts";
import { PostgresCluster } from "../../sync-server/postgres-cluster.ts";

// Bench fixtures load large tables in single statements, past the request statement timeout.
const benchPoolOptions = { timeouts: { ...defaultDatabaseTimeouts, statementMs: 3_600_000 } };

export type BenchDatabase = {
  pool: Pool;
  url: string;
  /** SIGKILLs the embedded postmaster and starts it again (absent with BENCH_DATABASE_URL). */
  killPostmaster?: () => Promise<void>;
  close(): Promise<void>;
};

/**
 * A real, migrated PostgreSQL for a benchmark: BENCH_DATABASE_URL when given, else a fresh
 * embedded cluster in a temporary folder, removed afterwards. Settings stay PostgreSQL's
 * defaults (durable), so the numbers mean what they would in production.
 */
export async function openBenchDatabase(migrations: { dir?: string } = {}): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const pool = createPool(given, 20, benchPoolOptions);
    await migrate(pool, createLogger("warn"), migrations.dir);
    return { pool, url: given, close: () => pool.end() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-bench-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const cluster = new PostgresCluster({
    clusterDir: path.join(dir, "data"),
    user: "postgres",
    password: "bench",
    port,
    runtimeDir: loadConfig().embeddedRuntimeDir,
    settings: { shared_buffers: "1GB", max_wal_size: "4GB", max_connections: "200" },
  });
  await cluster.initialise();
  await cluster.start();
  const url = `postgresql://postgres:bench@127.0.0.1:${port}/postgres`;
  const pool = createPool(url, 20, benchPoolOptions);
  await migrate(pool, createLogger("warn"), migrations.dir);
  const dataDir = path.join(dir, "data");
  return {
    pool,
    url,
    async killPostmaster() {
      const pid = Number(
        fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0],
      );
      process.kill(pid, "SIGKILL");
      while (processAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
      // Orphaned backends hold the shared memory for a moment: PostgreSQL refuses until then.
      for (let attempt = 0; ; attempt++) {
        try {
          await cluster.start();
          return;
        } catch (error) {
          if (attempt >= 8) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
        }
      }
    },
    async close() {
      await pool.end();
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `work` `runs` times in a row: the median time in ms, and the last result. */
export async function timed<T>(
  runs: number,
  work: () => Promise<T>,
): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    last = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), last: last as T };
}
