import { newId } from "../../shared/ids.ts";
import { addQuestion } from "../../sync-server/admin/local-questions.ts";
import { addApiToken } from "../../sync-server/admin/verbs.ts";
import { listLocalVersions } from "../../sync-server/queries/local-questions.ts";
import { countsByDate, type RollupScope } from "../../sync-server/queries/report-rollups.ts";
import {
  answeredAnything,
  reportCountsFromResponses,
} from "../../sync-server/queries/rollup-columns.ts";
import { countsByLocalAnswer } from "../../sync-server/queries/rollup-local-daily.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";
import {
  buildLocalBreakdown,
  versionSummaries,
} from "../../sync-server/reports/local-breakdown.ts";
import { loadReportContext } from "../../sync-server/reports/report-context.ts";
import { startServerProcess } from "../helpers/server-process.ts";
import { openBenchDatabase, timed } from "./bench-postgres.ts";
import { createBenchSites, insertBenchResponses } from "./report-data.ts";

/**
 * A one-year, all-sites breakdown of every headline by a local question's answers ("Hvad kom du
 * for?", six answers, asked at all 100 sites, answered by 90 %) over BENCH_RESPONSES (default
 * 10 million) responses: median latency from rollup_local_daily (in process and through
 * GET /api/v1/dashboard/local-breakdown) beside the same counts by a plain aggregate over the
 * raw answers. Target: ≤ 50 ms, with the disclosure rule and secondary suppression applied.
 * Prints numbers only; nothing here asserts a time.
 */
const total = Number(process.env.BENCH_RESPONSES ?? 10_000_000);
const sites = 100;
const lastDate = "2026-06-30";
const from = "2025-07-01";
const chunk = 1_000_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const errands = ["pas", "korekort", "sundhedskort", "mitid", "pension", "andet"];

const db = await openBenchDatabase();
try {
  const municipalityId = newId();
  await createBenchSites(db.pool, { municipalityId, sites, kiosksPerSite: 2 });
  for (let first = 0; first < total; first += chunk) {
    await insertBenchResponses(db.pool, {
      municipalityId,
      first,
      count: Math.min(chunk, total - first),
      lastDate,
    });
  }
  const question = await addQuestion(db.pool, {
    municipalityId,
    code: "errand",
    siteId: null,
    draft: {
      text: { da: "Hvad kom du for?" },
      answers: errands.map((code) => ({ code, label: { da: code } })),
    },
    actor: { kind: "system" },
  });
  // Set-based, like the responses: an answer for 9 in 10 responses, from a hash of the id.
  const answersStarted = performance.now();
  await db.pool.query(
    `insert into local_answers (municipality_id, response_id, version_id, answer_code)
     select municipality_id, id, $2, ($3::text[])[1 + h % 6]
     from (select municipality_id, id, ('x' || substr(md5(id::text), 1, 6))::bit(24)::int as h
           from responses where municipality_id = $1) as r
     where h % 10 <> 0`,
    [municipalityId, question.id, errands],
  );
  const answersSeconds = (performance.now() - answersStarted) / 1000;
  const rollupStarted = performance.now();
  await rebuildRollups(db.pool);
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await db.pool.query("vacuum analyze");
  const rows = await db.pool.query<{ local: number; site: number }>(
    `select (select count(*) from rollup_local_daily)::int as local,
            (select count(*) from rollup_site_daily)::int as site`,
  );

  const scope: RollupScope = {
    municipalityId,
    siteIds: null,
    kioskId: null,
    includeSuspect: false,
  };
  const range = { from, to: lastDate, site: null };
  // As the route does: the version list and the disclosure context per request.
  const breakdown = async () => {
    const [versions, context] = await Promise.all([
      listLocalVersions(db.pool, municipalityId),
      loadReportContext(db.pool, scope),
    ]);
    const version = versionSummaries(versions).find((v) => v.id === question.id);
    if (!version) throw new Error("the question's version is missing");
    return buildLocalBreakdown(db.pool, scope, version, range, context.k);
  };
  await timed(3, breakdown);
  const fromRollups = await timed(31, breakdown);
  // Its two queries alone: the answers' counts and the selection's total (run side by side).
  const answersOnly = await timed(31, () =>
    countsByLocalAnswer(db.pool, scope, question.id, from, lastDate),
  );
  const totalOnly = await timed(31, () => countsByDate(db.pool, scope, from, lastDate));

  const rawRuns = total > 2_000_000 ? 3 : 7;
  const fromRaw = await timed(rawRuns, async () => {
    const result = await db.pool.query<Record<string, number> & { key: string }>(
      `select l.answer_code as key, ${reportCountsFromResponses}
       from local_answers l
       join responses r on r.municipality_id = l.municipality_id and r.id = l.response_id
       where l.municipality_id = $1 and l.version_id = $2 and r.local_date between $3 and $4
         and not r.suspect and ${answeredAnything}
       group by l.answer_code`,
      [municipalityId, question.id, from, lastDate],
    );
    return new Map(result.rows.map((row) => [row.key, row.responses]));
  });
  const same = errands.every(
    (code) =>
      fromRollups.last.rows.find((row) => row.answer === code)?.responses ===
      (fromRaw.last.get(code) ?? 0),
  );

  const token = await addApiToken(db.pool, { role: "analyst", siteIds: [] });
  const server = await startServerProcess({ DATABASE_URL: db.url, LOG_LEVEL: "warn" });
  const url = `${server.baseUrl}/api/v1/dashboard/local-breakdown?question=${question.id}&from=${from}&to=${lastDate}`;
  const get = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token.token}` } });
    if (response.status !== 200) throw new Error(`local-breakdown answered ${response.status}`);
    return (await response.json()) as { rows: unknown[] };
  };
  await timed(3, get);
  const overHttp = await timed(31, get);
  await server.stop();

  const counted = fromRollups.last.rows.reduce((sum, row) => sum + row.responses, 0);
  say(
    [
      "",
      `responses                      ${total.toLocaleString("en")} at ${sites} sites; local answers stored in ${answersSeconds.toFixed(0)} s`,
      `rollup rows                    local ${rows.rows[0]?.local.toLocaleString("en")}, site-day ${rows.rows[0]?.site.toLocaleString("en")} (all rebuilt in ${rollupSeconds.toFixed(0)} s)`,
      `one-year all-sites breakdown   ${counted.toLocaleString("en")} responses in ${fromRollups.last.rows.length} groups (${errands.length} answers + the rest)`,
      `  from rollups (in process)    median ${fromRollups.ms.toFixed(1)} ms of 31  (target ≤ 50 ms, with suppression)`,
      `    answers' counts query      median ${answersOnly.ms.toFixed(1)} ms (rollup_local_all_daily)`,
      `    selection's total query    median ${totalOnly.ms.toFixed(1)} ms (rollup_municipality_daily, as the report)`,
      `  GET …/local-breakdown (HTTP) median ${overHttp.ms.toFixed(1)} ms of 31  (target ≤ 50 ms)`,
      `  plain aggregate over raw     median ${fromRaw.ms.toFixed(1)} ms of ${rawRuns}`,
      `  ratio raw / rollups          ${(fromRaw.ms / fromRollups.ms).toFixed(0)}×`,
      `  same counts                  ${same ? "yes" : "NO — rollups and raw disagree"}`,
      "",
    ].join("\n"),
  );
  if (!same) process.exitCode = 1;
} finally {
  await db.close();
}
