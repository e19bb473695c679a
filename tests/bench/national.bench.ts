import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { newId } from "../../shared/ids.ts";
import { ensureResponsePartitionsBetween } from "../../sync-server/queries/partitions.ts";
import type { RollupScope } from "../../sync-server/queries/report-rollups.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import { buildNationalFigures } from "../../sync-server/reports/national.ts";
import { buildReport } from "../../sync-server/reports/report.ts";
import { loadReportContext } from "../../sync-server/reports/report-context.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { openBenchDatabase, timed } from "./bench-postgres.ts";
import { addLoadKiosks, allSiteIds, percentile, syncAll } from "./kiosk-load.ts";
import { createBenchSites, insertBenchResponses } from "./report-data.ts";

/**
 * National scale (issue #18): BENCH_NATIONAL_RESPONSES (default 100 million) responses in
 * BENCH_NATIONAL_MUNICIPALITIES (98) municipalities over BENCH_NATIONAL_YEARS (10) years. The
 * spread is uneven as Denmark's is: the n-th largest municipality gets a share ∝ 1/n^0.9 (the
 * largest ~13 %, the smallest ~0.2 %), 1–12 sites of 2 kiosks by size, and each year 8 % more
 * answers than the one before. Measured, in one run:
 * - the 1-year report of the largest municipality (target ≤ 20 ms median),
 * - every municipality's figures for that year (target ≤ 200 ms median),
 * - BENCH_NATIONAL_KIOSKS (1,000) kiosks syncing BENCH_NATIONAL_BATCHES (3) batches of 5 at
 *   once against one server (target p99 ≤ 500 ms per answer),
 * - responses/s of one server process and of two against the same PostgreSQL.
 * Prints numbers beside their targets; asserts only that the figures agree and all was stored.
 */
const env = process.env;
const total = Number(env.BENCH_NATIONAL_RESPONSES ?? 100_000_000);
const municipalities = Number(env.BENCH_NATIONAL_MUNICIPALITIES ?? 98);
const years = Number(env.BENCH_NATIONAL_YEARS ?? 10);
const kioskCount = Number(env.BENCH_NATIONAL_KIOSKS ?? 1000);
const kioskBatches = Number(env.BENCH_NATIONAL_BATCHES ?? 3);
const throughputKiosks = Number(env.BENCH_NATIONAL_THROUGHPUT_KIOSKS ?? 64);
const throughputBatches = Number(env.BENCH_NATIONAL_THROUGHPUT_BATCHES ?? 20);
const lastYearEnd = 2026;
const from = `${lastYearEnd - 1}-07-01`;
const to = `${lastYearEnd}-06-30`;
const chunk = 1_000_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (value: number) => `${value.toFixed(1)} ms`;

const sizeWeights = Array.from({ length: municipalities }, (_, n) => 1 / (n + 1) ** 0.9);
const yearWeights = Array.from({ length: years }, (_, y) => 1.08 ** y);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const db = await openBenchDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-national-"));
const servers: ServerProcess[] = [];
try {
  await ensureResponsePartitionsBetween(
    db.pool,
    `${lastYearEnd - years}-01-01`,
    `${lastYearEnd + 1}-01-01`,
  );
  const ids: string[] = [];
  const loadStarted = performance.now();
  let loaded = 0;
  let reported = 0;
  for (let m = 0; m < municipalities; m += 1) {
    const municipalityId = newId();
    ids.push(municipalityId);
    const share = (sizeWeights[m] ?? 0) / sum(sizeWeights);
    const sites = Math.max(1, Math.round((12 * (sizeWeights[m] ?? 0)) / (sizeWeights[0] ?? 1)));
    await createBenchSites(db.pool, {
      municipalityId,
      sites,
      kiosksPerSite: 2,
      name: `Kommune ${String(m + 1).padStart(2, "0")}`,
    });
    let first = 0;
    for (let y = 0; y < years; y += 1) {
      const count = Math.round((total * share * (yearWeights[y] ?? 0)) / sum(yearWeights));
      const lastDate = `${lastYearEnd - years + 1 + y}-06-30`;
      for (let done = 0; done < count; done += chunk) {
        const part = Math.min(chunk, count - done);
        await insertBenchResponses(db.pool, { municipalityId, first, count: part, lastDate });
        first += part;
        loaded += part;
      }
    }
    if (loaded - reported >= total / 10 || m === municipalities - 1) {
      say(`  loaded ${loaded.toLocaleString("en")} responses (${m + 1} municipalities)`);
      reported = loaded;
    }
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const rollupStarted = performance.now();
  await rebuildRollups(db.pool);
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await db.pool.query("vacuum analyze");

  // The largest municipality's year, as its chief's dashboard asks for it.
  const scope: RollupScope = {
    municipalityId: ids[0] ?? "",
    siteIds: null,
    kioskId: null,
    includeSuspect: false,
  };
  const range = { from, to, site: null };
  const report = async () =>
    buildReport(db.pool, scope, range, await loadReportContext(db.pool, scope));
  await timed(3, report);
  const oneReport = await timed(31, report);
  const national = () => buildNationalFigures(db.pool, { from, to, includeSuspect: false });
  await timed(3, national);
  const allFigures = await timed(31, national);
  const largest = allFigures.last.find((row) => row.municipalityId === scope.municipalityId);
  const agree = largest?.responses === oneReport.last.responses;

  const serverEnv = {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    // Jobs would compete with what is measured; the connections are the kiosks'.
    JOB_CONCURRENCY: "0",
    HTTP_MAX_CONNECTIONS: String(kioskCount * 2 + 100),
  };
  // One after the other: the first makes the fingerprint key file the second then reads.
  servers.push(await startServerProcess(serverEnv));
  servers.push(await startServerProcess(serverEnv));
  const [one, two] = servers.map((server) => server.baseUrl);
  const siteIds = await allSiteIds(db.pool);

  const burstKiosks = await addLoadKiosks(db.pool, siteIds, kioskCount, [one ?? ""]);
  const burst = await syncAll(burstKiosks, kioskBatches, 5);
  const latencies = burst.answers.map((answer) => answer.ms);
  const acceptedMs = burst.answers.filter((a) => a.status === 200).map((a) => a.ms);
  const refused = burst.answers.filter((answer) => answer.status === 503).length;

  const rateWith = async (baseUrls: string[], batches = throughputBatches) => {
    const kiosks = await addLoadKiosks(db.pool, siteIds, throughputKiosks, baseUrls);
    const run = await syncAll(kiosks, batches, 50);
    return { ...run, perSecond: run.stored / run.seconds };
  };
  // Warms the second server (the first is warm from the burst) and PostgreSQL's caches.
  await rateWith([two ?? ""], 2);
  const alone = await rateWith([one ?? ""]);
  const pair = await rateWith([one ?? "", two ?? ""]);
  const expected = kioskCount * kioskBatches * 5;
  const allStored =
    burst.stored === expected &&
    [alone, pair].every((run) => run.stored === throughputKiosks * throughputBatches * 50);

  const rollupRows = await db.pool.query<{ n: number }>(
    "select count(*)::int as n from rollup_municipality_daily",
  );
  say(
    [
      "",
      `responses                        ${loaded.toLocaleString("en")} in ${municipalities} municipalities, ${years} years, ${siteIds.length} sites (load ${loadSeconds.toFixed(0)} s, rollups ${rollupSeconds.toFixed(0)} s)`,
      `largest municipality's year      ${oneReport.last.responses.toLocaleString("en")} responses`,
      `  1-year report, one municipality median ${ms(oneReport.ms)} of 31     (target ≤ 20 ms)`,
      `  every municipality's year      median ${ms(allFigures.ms)} of 31     (target ≤ 200 ms; ${allFigures.last.length} municipalities, ${rollupRows.rows[0]?.n.toLocaleString("en")} municipality-day rows)`,
      `  the two agree                  ${agree ? "yes" : "NO"}`,
      `${kioskCount} kiosks syncing at once   ${kioskBatches} batches of 5 each, one server`,
      `  every answer                   p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}   (target p99 ≤ 500 ms)`,
      `  accepted syncs                 p50 ${ms(percentile(acceptedMs, 50))}, p99 ${ms(percentile(acceptedMs, 99))}; ${refused} answered 503 busy (Retry-After)`,
      `  all stored in                  ${burst.seconds.toFixed(1)} s (${Math.round(burst.stored / burst.seconds).toLocaleString("en")} responses/s)`,
      `throughput, ${throughputKiosks} kiosks × ${throughputBatches} batches of 50`,
      `  one server process             ${Math.round(alone.perSecond).toLocaleString("en")} responses/s`,
      `  two server processes           ${Math.round(pair.perSecond).toLocaleString("en")} responses/s (${(pair.perSecond / alone.perSecond).toFixed(2)}× one; same PostgreSQL)`,
      `  every response stored          ${allStored ? "yes" : "NO"}`,
      "",
    ].join("\n"),
  );
  if (!agree || !allStored) process.exitCode = 1;
} finally {
  for (const server of servers) await server.stop();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
