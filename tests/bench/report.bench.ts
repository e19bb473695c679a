import { disclosureDefault } from "../../shared/disclosure.ts";
import { newId } from "../../shared/ids.ts";
import { addApiToken } from "../../sync-server/admin/verbs.ts";
import {
  countsByDate,
  countsByDateFromResponses,
  type RollupScope,
} from "../../sync-server/queries/report-rollups.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import {
  hiddenOfSelection,
  questionsOf,
  sumCounts,
} from "../../sync-server/reports/figures-of-counts.ts";
import { buildReport, reportOfDays } from "../../sync-server/reports/report.ts";
import { loadReportContext } from "../../sync-server/reports/report-context.ts";
import { startServerProcess } from "../helpers/server-process.ts";
import { openBenchDatabase, timed } from "./bench-postgres.ts";
import { createBenchSites, insertBenchResponses } from "./report-data.ts";

/**
 * A one-year, all-sites report over BENCH_RESPONSES (default 10 million) responses at 100
 * sites: median latency from the rollups (in-process and through GET /api/v1/report) beside
 * the same figures by a plain aggregate over the raw table, and the ratio. Target: ≤ 25 ms
 * with the disclosure rule and secondary suppression applied.
 * Prints numbers only; nothing here asserts a time.
 */
const total = Number(process.env.BENCH_RESPONSES ?? 10_000_000);
const sites = 100;
const lastDate = "2026-06-30";
const from = "2025-07-01";
const chunk = 1_000_000;
const say = (line: string) => process.stdout.write(`${line}\n`);

const db = await openBenchDatabase();
try {
  const municipalityId = newId();
  await createBenchSites(db.pool, { municipalityId, sites, kiosksPerSite: 2 });
  const loadStarted = performance.now();
  for (let first = 0; first < total; first += chunk) {
    await insertBenchResponses(db.pool, {
      municipalityId,
      first,
      count: Math.min(chunk, total - first),
      lastDate,
    });
    say(`  loaded ${Math.min(first + chunk, total).toLocaleString("en")} responses`);
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const rollupStarted = performance.now();
  await rebuildRollups(db.pool);
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await db.pool.query("vacuum analyze");
  const rollupRows = await db.pool.query<{ site: number; kiosk: number; hour: number }>(
    `select (select count(*) from rollup_site_daily) as site,
            (select count(*) from rollup_kiosk_daily) as kiosk,
            (select count(*) from rollup_hourly) as hour`,
  );

  const scope: RollupScope = {
    municipalityId,
    siteIds: null,
    kioskId: null,
    includeSuspect: false,
  };
  const range = { from, to: lastDate, site: null };
  // The disclosure context (k, provisional days) is read per report, as the route does.
  const report = async () =>
    buildReport(db.pool, scope, range, await loadReportContext(db.pool, scope));
  await timed(3, report); // warm up
  const fromRollups = await timed(31, report);
  // The disclosure rule's own cost: the report built from already fetched days, many times.
  const context = await loadReportContext(db.pool, scope);
  const days = await countsByDate(db.pool, scope, from, lastDate);
  const figuresOnly = await timed(31, async () => {
    for (let i = 0; i < 9; i += 1) reportOfDays(days, scope, range, context);
    return reportOfDays(days, scope, range, context);
  });
  const rawRuns = total > 2_000_000 ? 3 : 7;
  const fromRaw = await timed(rawRuns, async () => {
    const days = await countsByDateFromResponses(db.pool, scope, from, lastDate);
    const total = sumCounts(days);
    return questionsOf(total, hiddenOfSelection(total, disclosureDefault));
  });
  const same = JSON.stringify(fromRaw.last) === JSON.stringify(fromRollups.last.questions);

  const token = await addApiToken(db.pool, { role: "analyst", siteIds: [] });
  const server = await startServerProcess({ DATABASE_URL: db.url, LOG_LEVEL: "warn" });
  const url = `${server.baseUrl}/api/v1/report?from=${from}&to=${lastDate}`;
  const get = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token.token}` } });
    return (await response.json()) as { responses: number };
  };
  await timed(3, get);
  const overHttp = await timed(31, get);
  await server.stop();

  const rows = rollupRows.rows[0];
  say(
    [
      "",
      `responses                      ${total.toLocaleString("en")} at ${sites} sites, ${sites * 2} kiosks (load ${loadSeconds.toFixed(0)} s)`,
      `rollup rows                    site-day ${rows?.site.toLocaleString("en")}, kiosk-day ${rows?.kiosk.toLocaleString("en")}, hourly ${rows?.hour.toLocaleString("en")} (rebuilt in ${rollupSeconds.toFixed(0)} s)`,
      `one-year all-sites report      ${fromRollups.last.responses.toLocaleString("en")} responses, ${fromRollups.last.daily.length} days`,
      `  from rollups (in process)    median ${fromRollups.ms.toFixed(1)} ms of 31  (target ≤ 25 ms, with suppression)`,
      `  GET /api/v1/report (HTTP)    median ${overHttp.ms.toFixed(1)} ms of 31`,
      `  figures + suppression only   median ${(figuresOnly.ms / 10).toFixed(2)} ms (of the above; ${days.length} days)`,
      `  plain aggregate over raw     median ${fromRaw.ms.toFixed(1)} ms of ${rawRuns}`,
      `  ratio raw / rollups          ${(fromRaw.ms / fromRollups.ms).toFixed(0)}×`,
      `  same figures                 ${same ? "yes" : "NO — rollups and raw disagree"}`,
      "",
    ].join("\n"),
  );
  if (!same) process.exitCode = 1;
} finally {
  await db.close();
}
