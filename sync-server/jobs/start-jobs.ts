import { type Runner, run } from "graphile-worker";
import { createPool, type Pool } from "../db.ts";
import type { JobContext } from "./job-context.ts";
import { queueLogger } from "./queue-logger.ts";
import { cronItems, taskList } from "./tasks.ts";

export type JobRunner = { stop(): Promise<void> };

/**
 * Runs the queue in this server: takes jobs (FOR UPDATE SKIP LOCKED, so of several servers one
 * runs each), and enqueues the recurring ones on their cron ticks. The worker has a small pool
 * of its own (one connection listens for new jobs), apart from the requests'.
 */
export async function startJobs(
  url: string,
  concurrency: number,
  ctx: JobContext,
): Promise<JobRunner> {
  if (concurrency === 0) {
    ctx.logger.info("job queue: this server runs no jobs (JOB_CONCURRENCY=0)");
    return { stop: async () => {} };
  }
  const workerPool: Pool = createPool(url, concurrency + 2, {
    onConnectionError: (error) =>
      ctx.logger.warn({ err: error.message }, "job queue connection failed"),
  });
  let runner: Runner;
  try {
    runner = await run({
      pgPool: workerPool,
      concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: queueLogger(ctx.logger),
      taskList: taskList(ctx),
      parsedCronItems: cronItems(ctx),
    });
  } catch (error) {
    await workerPool.end();
    throw error;
  }
  return {
    async stop() {
      await runner.stop();
      await workerPool.end();
    },
  };
}
