import { launchChromium } from "../e2e/browser.ts";
import { runFaultRounds } from "../e2e/sync-faults/scenarios.ts";
import { openBenchDatabase } from "./bench-postgres.ts";

/**
 * The sync fault-injection scenarios (tests/e2e/sync-faults) for many rounds and seeds:
 *   npx tsx tests/bench/soak-sync.ts [runs=5] [roundsPerRun=20] [firstSeed=1]
 * Each run is a fresh kiosk (new browser context, new IndexedDB) over the same PostgreSQL.
 * Exits non-zero, naming the seed, if any response is missing, doubled or left unsynced.
 */
const [runs = 5, roundsPerRun = 20, firstSeed = 1] = process.argv.slice(2).map(Number);
const db = await openBenchDatabase();
const browser = await launchChromium();
let failed = 0;
try {
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    const started = Date.now();
    const result = await runFaultRounds({
      browser,
      pool: db.pool,
      databaseUrl: db.url,
      seed,
      rounds: roundsPerRun,
      log: (line) => process.stdout.write(`  seed ${seed} ${line}\n`),
    });
    const verdict = result.problems.length === 0 ? "ok" : "FAILED";
    process.stdout.write(
      `seed ${seed}: ${verdict}, ${result.kioskResponses} on the kiosk, ${result.storedResponses} stored, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    for (const problem of result.problems.slice(0, 20)) process.stdout.write(`    ${problem}\n`);
    if (result.problems.length > 0) failed += 1;
  }
} finally {
  await browser.close();
  await db.close();
}
process.stdout.write(failed === 0 ? "soak: all runs ok\n" : `soak: ${failed} run(s) failed\n`);
process.exit(failed === 0 ? 0 : 1);
