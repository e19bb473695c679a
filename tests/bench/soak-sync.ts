import { launchChromium } from "../e2e/browser.ts";
import { databaseFaultKinds, faultKinds, runFaultRounds } from "../e2e/sync-faults/scenarios.ts";
import { openBenchDatabase } from "./bench-postgres.ts";

/**
 * The sync fault-injection scenarios (tests/e2e/sync-faults) for many rounds and seeds:
 *   npx tsx tests/bench/soak-sync.ts [runs=5] [roundsPerRun=20] [firstSeed=1]
 * Each run is a fresh kiosk (new browser context, new IndexedDB) over the same PostgreSQL.
 * Besides the network/server/page faults, each run also terminates the server's backends and
 * SIGKILLs the postmaster mid-sync (SOAK_DATABASE_FAULTS=0 leaves those out).
 * Exits non-zero, naming the seed, if any response is missing, doubled or left unsynced.
 */
const [runs = 5, roundsPerRun = 20, firstSeed = 1] = process.argv.slice(2).map(Number);
const db = await openBenchDatabase();
const browser = await launchChromium();
const withDatabaseFaults = process.env.SOAK_DATABASE_FAULTS !== "0";
const faults = withDatabaseFaults
  ? [...faultKinds, ...databaseFaultKinds.filter((kind) => kind !== "pg-kill" || db.killPostmaster)]
  : [...faultKinds];
process.stdout.write(`faults: ${faults.join(", ")}\n`);
let failed = 0;
let totalRounds = 0;
let totalAnswers = 0;
const soakStarted = Date.now();
try {
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    const started = Date.now();
    // A run that cannot finish (e.g. the outbox never drains) is a failed seed, not the end of
    // the soak: the other seeds still run and the failure is reported with its seed.
    const result = await runFaultRounds({
      browser,
      pool: db.pool,
      databaseUrl: db.url,
      seed,
      rounds: roundsPerRun,
      faults,
      killDatabase: db.killPostmaster,
      log: (line) => process.stdout.write(`  seed ${seed} ${line}\n`),
    }).catch((error: unknown) => ({
      problems: [`the run stopped: ${error instanceof Error ? error.message : String(error)}`],
      kioskResponses: 0,
      storedResponses: 0,
      rounds: [],
    }));
    const verdict = result.problems.length === 0 ? "ok" : "FAILED";
    process.stdout.write(
      `seed ${seed}: ${verdict}, ${result.kioskResponses} on the kiosk, ${result.storedResponses} stored, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    for (const problem of result.problems.slice(0, 20)) process.stdout.write(`    ${problem}\n`);
    if (result.problems.length > 0) failed += 1;
    totalRounds += result.rounds.length;
    totalAnswers += result.kioskResponses;
  }
} finally {
  await browser.close();
  await db.close();
}
process.stdout.write(
  `soak: ${totalRounds} rounds, ${totalAnswers} answers, ${Math.round((Date.now() - soakStarted) / 1000)} s\n`,
);
process.stdout.write(failed === 0 ? "soak: all runs ok\n" : `soak: ${failed} run(s) failed\n`);
process.exit(failed === 0 ? 0 : 1);
