/**
 * The sync server as a process of its own, so a test can SIGKILL it mid-batch: PostgreSQL then
 * rolls the open transaction back, as it would after a real crash. No build, no migrations.
 */
import { createPool } from "../../../sync-server/db.ts";
import { distDir } from "../../../sync-server/frontends.ts";
import { createApp } from "../../../sync-server/http/app.ts";
import { createLogger } from "../../../sync-server/logger.ts";
import { testFingerprintKeys } from "../../helpers/fingerprint-keys.ts";

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
if (!url || !port) throw new Error("DATABASE_URL and PORT are required");
const app = createApp({
  pool: createPool(url, Number(process.env.DB_POOL_SIZE ?? 4)),
  logger: createLogger("silent"),
  distDir,
  fingerprintKeys: testFingerprintKeys,
});
app.listen(port, "127.0.0.1", () => process.stdout.write(`listening ${port}\n`));
// A clean exit on SIGTERM (stop), so `--cpu-prof` can write its profile; kill() uses SIGKILL.
process.on("SIGTERM", () => process.exit(0));
