import { loadConfig } from "../config.ts";
import { openDatabase } from "../db.ts";
import { seedDemo } from "../demo/seed.ts";
import { loadFingerprintKeys } from "../fingerprint-keys.ts";
import { createLogger } from "../logger.ts";
import { migrate } from "../migrate.ts";

/** `npm run demo`: a living demo municipality, then how to log in. */
const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : "warn", "demo");
const db = await openDatabase(config, logger);
try {
  await migrate(db.pool, logger);
  process.stdout.write("Building the demo: Horsens Kommune, 2 sites, 3 kiosks, 90 days …\n");
  const keys = await loadFingerprintKeys(db.pool, config.fingerprintKeysFile, logger);
  const result = await seedDemo(db.pool, keys, {
    onProgress: (done, total) => {
      if (process.stdout.isTTY) process.stdout.write(`\r  responses ${done} / ${total}`);
    },
  });
  if (process.stdout.isTTY) process.stdout.write("\n");
  const port = config.port;
  process.stdout.write(
    [
      `Done: ${result.responses} responses from ${result.firstDate} to ${result.lastDate}.`,
      "",
      "Sites:",
      ...result.sites.map((site) => `  ${site.name}  (${site.id})`),
      "Kiosks (tokens shown once):",
      ...result.kiosks.map((kiosk) => `  ${kiosk.name}  ${kiosk.id}\n    token ${kiosk.token}`),
      "",
      `Log in at http://localhost:${port}/dashboard/ (start the server with \`npm start\` if it is not running):`,
      ...result.logins.map(
        (login) =>
          `  ${login.role.padEnd(8)} ${login.email}  password: ${login.password}  (${login.sites})`,
      ),
      "",
    ].join("\n"),
  );
} finally {
  await db.close();
}
