import { runMigrations } from "graphile-worker";
import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { queueLogger } from "./queue-logger.ts";

/**
 * The job queue's own tables (schema graphile_worker), installed and upgraded by
 * graphile-worker itself; run after our migrations by `npm start`, `npm run migrate` and the
 * test template. Idempotent, and safe with several servers starting at once.
 */
export async function installJobQueue(pool: Pool, logger: Logger): Promise<void> {
  await runMigrations({ pgPool: pool, logger: queueLogger(logger) });
}
