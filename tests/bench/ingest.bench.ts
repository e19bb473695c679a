import http from "node:http";
import { from as copyFrom } from "pg-copy-streams";
import { newId } from "../../shared/ids.ts";
import { questions } from "../../shared/questionnaire.ts";
import { type ResponsePayload, utcOffsetMinutes } from "../../shared/response.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { toResponseRow } from "../../sync-server/ingest/response-row.ts";
import type { KioskRef, Receipt, ResponseRow } from "../../sync-server/queries/responses.ts";
import { answerColumns } from "../../sync-server/queries/rollup-columns.ts";
import { serverProcess } from "../e2e/sync-faults/server-process.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { median, openBenchDatabase } from "./bench-postgres.ts";
import { post } from "./http-post.ts";

/**
 * Ingest end to end: BENCH_INGEST_ROWS (default 200,000) responses POSTed to /api/v1/sync in
 * batches of 500 by BENCH_INGEST_KIOSKS (default 4) kiosks at once, against a server in its own
 * process; beside a raw COPY of the very same rows into the same (emptied) table on the same
 * PostgreSQL, in the same run. BENCH_INGEST_ROUNDS (default 3) rounds, medians reported: a
 * single run on this shared 2-core machine varies by ±15 %. Target: HTTP ≥ 50 % of COPY,
 * aiming for 75 %. Prints numbers; asserts only that every response was stored.
 */
const total = Number(process.env.BENCH_INGEST_ROWS ?? 200_000);
const kioskCount = Number(process.env.BENCH_INGEST_KIOSKS ?? 4);
const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const batchSize = 500;
const timeZone = "Europe/Copenhagen";

const texts = [
  "Kortere ventetid, tak.",
  'Svært at finde "den rigtige" kø\tved skranken',
  "Ring 20304050",
];

function payloadsFor(count: number, offset: number): ResponsePayload[] {
  const start = Date.now() - 60 * 24 * 3600 * 1000;
  return Array.from({ length: count }, (_, i) => {
    const at = start + (offset + i) * 7_000;
    const payload = samplePayload(i + 1, {}, at);
    payload.id = newId(at);
    if (i % 4 !== 0)
      payload.answers = {
        got_help: "yes",
        sent_on: "no",
        guidance: "good",
        seen_heard: "yes",
        improve: "nothing",
      };
    else payload.answers.improve_text = texts[i % texts.length] ?? "";
    return payload;
  });
}

const copyEscape = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/** One COPY text line: the same columns and values insertResponsesWithRollups writes. */
function copyLine(kiosk: KioskRef, receipt: Receipt, row: ResponseRow): string {
  const started = new Date(row.startedAtMs);
  const local = new Date(row.startedAtMs + utcOffsetMinutes(started, timeZone) * 60_000);
  const text = (value: string | null) => (value === null ? "\\N" : copyEscape(value));
  const array = (values: readonly string[] | null) =>
    values === null ? "\\N" : `{${values.join(",")}}`;
  return [
    kiosk.municipalityId,
    row.id,
    kiosk.siteId,
    kiosk.kioskId,
    row.seq,
    row.questionnaire,
    row.locale,
    row.status,
    started.toISOString(),
    row.startedUtcOffset,
    row.finishedAtMs === null ? "\\N" : new Date(row.finishedAtMs).toISOString(),
    row.finishedUtcOffset ?? "\\N",
    local.toISOString().slice(0, 10),
    local.getUTCHours(),
    receipt.receivedAt.toISOString(),
    receipt.clockOffsetMs ?? "\\N",
    ...questions.map((question) => {
      const value = row.answers[question.code];
      return typeof value === "object" ? array(value) : text(value ?? null);
    }),
    array(row.flags),
    `\\\\x${row.contentHash}`,
    row.contentKey,
  ].join("\t");
}

const db = await openBenchDatabase();
const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Benchkommune" });
const kiosks = await Promise.all(
  Array.from({ length: kioskCount }, (_, k) =>
    addKiosk(db.pool, { siteId: site.siteId, name: `Kiosk ${k + 1}` }),
  ),
);
const perKiosk = Math.ceil(total / kioskCount);
const plan = kiosks.map((kiosk, k) => {
  const payloads = payloadsFor(perKiosk, k * perKiosk);
  const ref = { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: kiosk.kioskId };
  const bodies: Buffer[] = [];
  for (let i = 0; i < payloads.length; i += batchSize)
    bodies.push(Buffer.from(JSON.stringify(syncBody(payloads.slice(i, i + batchSize)))));
  const receipt = { receivedAt: new Date(), clockOffsetMs: 0 };
  const copy = payloads
    .map((payload) => copyLine(ref, receipt, toResponseRow(payload, testFingerprintKeys)))
    .join("\n");
  return { kiosk, bodies, copy: `${copy}\n` };
});
const rows = perKiosk * kioskCount;
const count = async () =>
  (await db.pool.query<{ n: number }>("select count(*) as n from responses")).rows[0]?.n;

const copySql = `copy responses (municipality_id, id, site_id, kiosk_id, seq, questionnaire, locale,
  status, started_at, started_utc_offset, finished_at, finished_utc_offset, local_date, local_hour,
  received_at, clock_offset_ms, ${answerColumns}, flags, content_hash, content_key) from stdin`;

async function copyStream(data: string): Promise<void> {
  const client = await db.pool.connect();
  try {
    const stream = client.query(copyFrom(copySql));
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve).on("error", reject);
      stream.end(data);
    });
  } finally {
    client.release();
  }
}

const emptyTables =
  "truncate responses, kiosk_health, rollup_site_daily, rollup_kiosk_daily, rollup_hourly";

/** One COPY of every row, or one COPY per kiosk at once (as many streams as HTTP clients). */
async function rawCopy(parallel: boolean): Promise<number> {
  await db.pool.query(emptyTables);
  await db.pool.query("checkpoint");
  const started = process.hrtime.bigint();
  if (parallel) await Promise.all(plan.map(({ copy }) => copyStream(copy)));
  else await copyStream(plan.map(({ copy }) => copy).join(""));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if ((await count()) !== rows) throw new Error("COPY did not store every row");
  return seconds;
}

async function overHttp(baseUrl: string): Promise<number> {
  await db.pool.query("checkpoint");
  const url = new URL("/api/v1/sync", baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: kioskCount });
  const started = process.hrtime.bigint();
  await Promise.all(
    plan.map(async ({ kiosk, bodies }) => {
      for (const body of bodies) {
        const { status, text } = await post(agent, url, kiosk.token, body);
        const reply = JSON.parse(text) as { accepted?: string[] };
        if (
          status !== 200 ||
          (reply.accepted?.length !== batchSize && reply.accepted?.length !== perKiosk % batchSize)
        )
          throw new Error(`sync answered ${status}: ${text.slice(0, 300)}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return seconds;
}

const port = await freePort();
const server = serverProcess(db.url, port);
try {
  process.stdout.write(
    `${rows.toLocaleString("en")} responses, ${kioskCount} kiosks, batches of ${batchSize}, ${rounds} rounds\n`,
  );
  await server.start();
  // Warm the server (JIT, connections) on one batch of another kiosk, then remove it.
  const warm = await addKiosk(db.pool, { siteId: site.siteId, name: "Warm-up" });
  const warmBody = Buffer.from(JSON.stringify(syncBody(payloadsFor(batchSize, rows + 1))));
  const warmAgent = new http.Agent();
  await post(warmAgent, new URL(`http://127.0.0.1:${port}/api/v1/sync`), warm.token, warmBody);
  warmAgent.destroy();
  const rate = (seconds: number) => rows / seconds;
  const line = (label: string, seconds: number) =>
    `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(rate(seconds)).toLocaleString("en").padStart(9)} responses/s\n`;
  const results: { copy: number; parallelCopy: number; http: number }[] = [];
  // Rounds alternate COPY and HTTP, so drift in the machine's speed touches both alike.
  for (let round = 1; round <= rounds; round++) {
    const copy = await rawCopy(false);
    const parallelCopy = await rawCopy(true);
    await db.pool.query(emptyTables);
    const seconds = await overHttp(`http://127.0.0.1:${port}`);
    if ((await count()) !== rows) throw new Error("HTTP ingest did not store every row");
    results.push({ copy, parallelCopy, http: seconds });
    process.stdout.write(
      `round ${round}: COPY ${Math.round(rate(copy)).toLocaleString("en")}/s, ${kioskCount} COPY streams ${Math.round(rate(parallelCopy)).toLocaleString("en")}/s, HTTP ${Math.round(rate(seconds)).toLocaleString("en")}/s → ${((copy / seconds) * 100).toFixed(0)} % of one stream\n`,
    );
  }
  const copySeconds = median(results.map((r) => r.copy));
  const parallelCopySeconds = median(results.map((r) => r.parallelCopy));
  const httpSeconds = median(results.map((r) => r.http));
  process.stdout.write(`median of ${rounds} rounds:\n`);
  process.stdout.write(line("raw COPY, one stream (same rows, same table)", copySeconds));
  process.stdout.write(line(`raw COPY, ${kioskCount} streams at once`, parallelCopySeconds));
  process.stdout.write(line(`POST /api/v1/sync, ${kioskCount} kiosks at once`, httpSeconds));
  const percent = (ratios: number[]) => `${(median(ratios) * 100).toFixed(0)} %`;
  process.stdout.write(
    `HTTP / COPY (median of the rounds' ratios): ${percent(results.map((r) => r.copy / r.http))} of one COPY stream, ${percent(results.map((r) => r.parallelCopy / r.http))} of ${kioskCount} streams (target ≥ 50 %, aim 75 %)\n`,
  );
} finally {
  await server.stop();
  await db.close();
}
