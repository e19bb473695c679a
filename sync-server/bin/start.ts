import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { startServer } from "../server.ts";

/** `npm start`: the whole system. Prints the URLs it serves; stops cleanly on SIGINT/SIGTERM. */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const server = await startServer(config, logger);

process.stdout.write(
  [
    "",
    "Borgerpuls is running:",
    `  Kiosk       ${server.url}/kiosk/`,
    `  Dashboard   ${server.url}/dashboard/`,
    `  API         ${server.url}/api/v1/`,
    `  Health      ${server.url}/healthz (live)  ${server.url}/readyz (ready)`,
    `  Metrics     ${server.url}/metrics`,
    `  Database    ${config.databaseUrl ? "DATABASE_URL" : `embedded PostgreSQL in ${config.dataDir}`}`,
    "Stop with Ctrl+C.",
    "",
  ].join("\n"),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  try {
    await server.close();
    logger.info("stopped cleanly");
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "error while stopping");
    process.exit(1);
  }
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
