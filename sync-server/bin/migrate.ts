import { loadConfig } from "../config.ts";
import { openDatabase } from "../db.ts";
import { installJobQueue } from "../jobs/install-queue.ts";
import { createLogger } from "../logger.ts";
import { migrate } from "../migrate.ts";

/** `npm run migrate`: applies pending migrations and exits. */
const config = loadConfig();
const logger = createLogger(config.logLevel, "migrate");
const db = await openDatabase(config, logger);
try {
  const applied = await migrate(db.pool, logger);
  await installJobQueue(db.pool, logger);
  logger.info({ applied }, applied.length ? "migrations applied" : "database already up to date");
} finally {
  await db.close();
}
