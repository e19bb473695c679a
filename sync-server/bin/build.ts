import { buildFrontendsIfStale } from "../frontends.ts";
import { createLogger } from "../logger.ts";

/** `npm run build`: builds both front ends; --force rebuilds even when nothing changed. */
const logger = createLogger(process.env.LOG_LEVEL ?? "info", "build");
await buildFrontendsIfStale(logger, { force: process.argv.includes("--force") });
