import fc from "fast-check";
import { addApiToken, addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { fuzzedQuery } from "../helpers/query-fuzz.ts";
import { replyProblem, type SyncReplyBody, syncFuzzBody } from "../helpers/sync-fuzz.ts";
import { startTestServer } from "../helpers/test-server.ts";
import { openBenchDatabase } from "./bench-postgres.ts";

/**
 * The fuzzing soak of #13: `npx tsx tests/bench/fuzz-sync.ts [syncBodies] [queries] [seed]`
 * (defaults 10,000, 7,000, 13). Sends seeded hostile sync bodies (tests/helpers/sync-fuzz.ts)
 * and report/export queries (tests/helpers/query-fuzz.ts) to a real server on a real
 * PostgreSQL, four at a time, and prints what came back beside the target: no response ≥ 500,
 * and every item of every 200 stored or rejected with a code. Exits 1 when the target is missed.
 */
const syncBodies = Number(process.argv[2] ?? 10_000);
const queries = Number(process.argv[3] ?? 7_000);
const seed = Number(process.argv[4] ?? 13);

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const db = await openBenchDatabase();
const server = await startTestServer(db.pool);
const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Fuzzkommune" });
const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "Fuzz" });
const analyst = await addApiToken(db.pool, {
  role: "analyst",
  siteIds: [],
  municipality: "Fuzzkommune",
});
const statuses = new Map<string, number>();
const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
const problems: string[] = [];
let items = 0;
let stored = 0;
let rejected = 0;
try {
  const started = performance.now();
  const bodies = fc.sample(syncFuzzBody, { seed, numRuns: syncBodies });
  await inParallel(bodies, 4, async (body) => {
    const response = await fetch(`${server.baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${kiosk.token}` },
      body: body.text,
    });
    const reply = (await response.json()) as SyncReplyBody;
    count(`sync ${response.status}`);
    items += body.items;
    stored += reply.accepted?.length ?? 0;
    rejected += reply.rejected?.length ?? 0;
    const problem = replyProblem(body, response.status, reply);
    if (problem) problems.push(`sync: ${problem}\n  body: ${body.text.slice(0, 300)}`);
  });
  const syncSeconds = (performance.now() - started) / 1000;

  const queryStarted = performance.now();
  const ids = [site.siteId, kiosk.kioskId];
  await inParallel(fc.sample(fuzzedQuery(ids), { seed, numRuns: queries }), 4, async (query) => {
    const response = await fetch(`${server.baseUrl}/api/v1/${query}`, {
      headers: { authorization: `Bearer ${analyst.token}` },
    });
    const text = await response.text();
    count(`query ${response.status}`);
    if (response.status >= 500) problems.push(`query ${response.status}: ${query}`);
    else if (response.status >= 400 && !/"code":"[a-z_]+","message":".+"/.test(text))
      problems.push(`query ${response.status} without code and reason: ${query}`);
  });
  const querySeconds = (performance.now() - queryStarted) / 1000;

  const fiveHundreds = [...statuses]
    .filter(([key]) => Number(key.split(" ")[1]) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  const rows = (await db.pool.query<{ n: number }>("select count(*)::int as n from responses"))
    .rows[0]?.n;
  process.stdout.write(
    [
      `seed ${seed}`,
      `sync bodies     ${syncBodies} in ${syncSeconds.toFixed(1)} s (${items} items: ${stored} stored, ${rejected} rejected with a code; ${rows} rows in the table)`,
      `queries         ${queries} in ${querySeconds.toFixed(1)} s`,
      `statuses        ${[...statuses]
        .sort()
        .map(([key, n]) => `${key}: ${n}`)
        .join(", ")}`,
      `responses ≥ 500 ${fiveHundreds}   (target 0)`,
      `problems        ${problems.length}   (target 0)`,
      ...problems.slice(0, 20),
      "",
    ].join("\n"),
  );
  process.exitCode = problems.length === 0 && stored === rows ? 0 : 1;
} finally {
  await server.close();
  await db.close();
}
