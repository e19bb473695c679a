import { type Config, ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { type RunningServer, startServer } from "../server.ts";
import { removeServerAddress, writeServerAddress } from "../server-address.ts";
import { startFailureText } from "../start-failure.ts";

/** `npm start`: the whole system. Prints the URLs it serves; stops gracefully on SIGINT/SIGTERM. */
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
let server: RunningServer;
try {
  server = await startServer(config, logger);
} catch (error) {
  // A newcomer's first command: one sentence saying what went wrong, the details in the log.
  logger.debug({ err: error }, "start failed");
  process.stderr.write(startFailureText(error));
  process.exit(1);
}
writeServerAddress(config.dataDir, server.url);

process.stdout.write(
  [
    "",
    "Borgerpuls is running:",
    `  Kiosk       ${server.url}/kiosk/`,
    `  Dashboard   ${server.url}/dashboard/`,
    `  API         ${server.url}/api/v1/`,
    `  Health      ${server.url}/healthz (live)  ${server.url}/readyz (ready)`,
    `  Metrics     ${server.url}/metrics`,
    ...(server.redirectUrl ? [`  Redirect    ${server.redirectUrl} → ${server.url}`] : []),
    `  Database    ${config.databaseUrl ? "DATABASE_URL" : `embedded PostgreSQL in ${config.dataDir}`}`,
    "Stop with Ctrl+C.",
    "",
  ].join("\n"),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping: finishing running requests");
  removeServerAddress(config.dataDir);
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
