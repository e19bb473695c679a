import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import type { Pool } from "../../sync-server/db.ts";
import { queueLogger } from "../../sync-server/jobs/queue-logger.ts";
import { createLogger } from "../../sync-server/logger.ts";

/** graphile-worker's own helpers on a test database: add jobs, as cron or the CLI would. */
export function queueUtils(pool: Pool): Promise<WorkerUtils> {
  return makeWorkerUtils({ pgPool: pool, logger: queueLogger(createLogger("warn", "test")) });
}

/** Jobs still in the queue, with their attempts and last error. */
export async function queuedJobs(pool: Pool) {
  const result = await pool.query<{
    task: string;
    attempts: number;
    last_error: string | null;
    key: string | null;
  }>(
    `select task_identifier as task, attempts, last_error, key
     from graphile_worker.jobs order by id`,
  );
  return result.rows;
}

export async function until<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * As if the cron item `identifier` had been known (and last run) `since`: a worker starting now
 * back-fills its ticks from then, the way a server restarted after its tick catches up.
 */
export async function knownCronSince(pool: Pool, identifier: string, since: Date): Promise<void> {
  await pool.query(
    `insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
     values ($1, $2, $2)
     on conflict (identifier) do update set known_since = $2, last_execution = $2`,
    [identifier, since],
  );
}
