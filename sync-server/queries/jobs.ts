import type { Queryable } from "../db.ts";

export type QueuedJob = {
  id: string;
  task: string;
  key: string | null;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  locked: boolean;
};

/**
 * The jobs in graphile-worker's queue (its public view graphile_worker.jobs): pending ones and
 * those that used up their attempts (failed; kept until deleted). Done jobs leave the queue.
 */
export async function listQueuedJobs(db: Queryable, limit = 200): Promise<QueuedJob[]> {
  const result = await db.query<QueuedJob>(
    `select id::text, task_identifier as task, key, run_at as "runAt", attempts,
            max_attempts as "maxAttempts", last_error as "lastError",
            locked_at is not null as locked
     from graphile_worker.jobs
     order by attempts >= max_attempts desc, run_at
     limit $1`,
    [limit],
  );
  return result.rows;
}
