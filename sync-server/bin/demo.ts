import { loadConfig } from "../config.ts";
import { openDatabase } from "../db.ts";
import { seedDemo } from "../demo/seed.ts";
import { loadFingerprintKeys } from "../fingerprint-keys.ts";
import { createLogger } from "../logger.ts";
import { migrate } from "../migrate.ts";
import { readServerAddress } from "../server-address.ts";

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
  // The running server's own address; else where `npm start` with this PORT will serve.
  const running = readServerAddress(config.dataDir);
  const baseUrl = running ?? `${config.tls ? "https" : "http"}://localhost:${config.port}`;
  process.stdout.write(
    [
      `Done: ${result.responses} responses from ${result.firstDate} to ${result.lastDate}.`,
      "",
      "Sites:",
      ...result.sites.map((site) => `  ${site.name}  (${site.id})`),
      "Kiosks (tokens shown once):",
      ...result.kiosks.map((kiosk) => `  ${kiosk.name}  ${kiosk.id}\n    token ${kiosk.token}`),
      "",
      running
        ? `Log in at ${baseUrl}/dashboard/:`
        : config.port === 0
          ? "Start the server with `npm start`, then log in at the Dashboard address it prints:"
          : `Start the server with \`npm start\`, then log in at ${baseUrl}/dashboard/:`,
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
