import http from "node:http";
import { retryAfterDelayMs, retryDelayMs } from "../../kiosk/sync/backoff.ts";
import { createBatchSizing } from "../../kiosk/sync/batch-size.ts";
import { newId } from "../../shared/ids.ts";
import { isoWithOffset } from "../../shared/response.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { seededRandom } from "../../sync-server/demo/random.ts";
import { startServerProcess } from "../helpers/server-process.ts";
import { samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { openBenchDatabase } from "./bench-postgres.ts";
import { post } from "./http-post.ts";

/**
 * The Monday-morning burst: BENCH_BURST_KIOSKS (1,000) kiosks come online at the same moment,
 * each with BENCH_BURST_ANSWERS (1,000) answers in its outbox, against `npm start` in its own
 * process on a real PostgreSQL. Each kiosk behaves as kiosk/sync does: its outbox in requests
 * sized as the kiosk sizes them (batch-size.ts), the next one straight after a success, a 30-s timeout, Retry-After (with the
 * kiosk's own jitter) on a 503, its backoff on anything else. Prints server RSS, request latency and the time until every answer is
 * acknowledged beside the targets; asserts only that every answer was stored exactly once.
 */
const kiosks = Number(process.env.BENCH_BURST_KIOSKS ?? 1000);
const answers = Number(process.env.BENCH_BURST_ANSWERS ?? 1000);
const targets = { rssMb: 400, p99S: 10 };

const db = await openBenchDatabase();
const server = await startServerProcess({
  DATABASE_URL: db.url,
  LOG_LEVEL: "error",
  DB_POOL_SIZE: "10",
});
const random = seededRandom(1);

try {
  const sites = await Promise.all(
    Array.from({ length: Math.ceil(kiosks / 20) }, (_, i) =>
      addSite(db.pool, { name: `Borgerservice ${i + 1}`, municipality: `Burstkommune ${i % 5}` }),
    ),
  );
  const enrolled: { token: string; kioskId: string }[] = [];
  // Twenty at a time: each enrolment is its own durable commit.
  for (let i = 0; i < kiosks; i += 20) {
    const chunk = Array.from({ length: Math.min(20, kiosks - i) }, (_, j) => {
      const site = sites[(i + j) % sites.length];
      if (!site) throw new Error("no site");
      return addKiosk(db.pool, { siteId: site.siteId, name: `Kiosk ${i + j + 1}` });
    });
    enrolled.push(...(await Promise.all(chunk)));
  }
  // The weekend's answers: every kiosk's outbox, built before the burst (the bodies are resent
  // unchanged, as a kiosk's outbox is).
  const weekend = Date.now() - 3 * 24 * 3600_000;
  const template = samplePayload(1);
  // Copenhagen's offset by the hour, worked out once per hour: formatting a million dates
  // through Intl would take minutes on this machine.
  const offsets = new Map<number, string>();
  const iso = (ms: number) => {
    const hour = Math.floor(ms / 3600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = isoWithOffset(new Date(hour * 3600_000), "Europe/Copenhagen").slice(-6);
      offsets.set(hour, offset);
    }
    const minutes =
      (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) * (offset[0] === "-" ? -1 : 1);
    return `${new Date(ms + minutes * 60_000).toISOString().slice(0, -1)}${offset}`;
  };
  const outboxes = enrolled.map((_, k) =>
    Array.from({ length: answers }, (_, i) => {
      const at = weekend + i * 60_000 + k;
      return JSON.stringify({
        ...template,
        id: newId(at),
        seq: i + 1,
        startedAt: iso(at),
        finishedAt: iso(at + 20_000),
      });
    }),
  );
  // A request body as the kiosk sends it, from a slice of its outbox (answers kept as JSON, so
  // the load generator does not re-encode them on every attempt).
  const [bodyHead, bodyTail] = JSON.stringify(syncBody([])).split("[]");
  const bodyOf = (outbox: string[], from: number, count: number) =>
    `${bodyHead}[${outbox.slice(from, from + count).join(",")}]${bodyTail}`;
  process.stdout.write(
    `${kiosks} kiosks × ${answers} answers (${Math.round(outboxes.reduce((sum, o) => sum + o.reduce((n, a) => n + a.length + 1, 0), 0) / 1e6)} MB of JSON)\n`,
  );

  let peakRss = server.rssBytes();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, server.rssBytes());
  }, 100);
  const latencies: number[] = [];
  const acceptedLatencies: number[] = [];
  const refusedLatencies: number[] = [];
  const timeline: { sentS: number; s: number }[] = [];
  const statuses = new Map<string, number>();
  const count = (what: string) => statuses.set(what, (statuses.get(what) ?? 0) + 1);
  let otherErrors = 0;
  const started = Date.now();
  let lastAck = started;

  // node:http, not fetch: one process plays a thousand kiosks, and fetch's own cost is the
  // bigger part of what it would measure. Measured here against a bare server that answers 503 at
  // once, 1,000 requests at the same moment: fetch p99 1.4 s (100-byte bodies), 4.8 s (20 KB),
  // 8.3 s (400 KB); node:http 0.53, 0.76 and 1.1 s. Real kiosks each bring their own browser.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const syncUrl = new URL("/api/v1/sync", server.baseUrl);
  await Promise.all(
    enrolled.map(async (kiosk, k) => {
      const outbox = outboxes[k] ?? [];
      const sizing = createBatchSizing();
      let sentUpTo = 0;
      let failures = 0;
      for (;;) {
        const sent = Date.now();
        const size = Math.min(sizing.current(), outbox.length - sentUpTo);
        let wait: number;
        try {
          const response = await post(
            agent,
            syncUrl,
            kiosk.token,
            Buffer.from(bodyOf(outbox, sentUpTo, size)),
            30_000,
          );
          const ok = response.status === 200;
          const reply = (ok ? JSON.parse(response.text) : {}) as {
            accepted?: string[];
            duplicates?: string[];
          };
          latencies.push(Date.now() - sent);
          (ok ? acceptedLatencies : refusedLatencies).push(Date.now() - sent);
          timeline.push({ sentS: (sent - started) / 1000, s: (Date.now() - sent) / 1000 });
          const retryAfter = Number.isFinite(response.retryAfter)
            ? (response.retryAfter ?? 0) * 1000
            : undefined;
          count(
            `${response.status}${response.status === 503 && retryAfter !== undefined ? "+Retry-After" : ""}`,
          );
          if (ok) {
            const acknowledged = (reply.accepted?.length ?? 0) + (reply.duplicates?.length ?? 0);
            if (acknowledged !== size)
              throw new Error(`kiosk ${k}: ${acknowledged} of ${size} acknowledged`);
            sizing.succeeded();
            failures = 0;
            sentUpTo += size;
            if (sentUpTo < outbox.length) continue;
            lastAck = Date.now();
            return;
          }
          sizing.failed();
          failures += 1;
          if (response.status === 503 && retryAfter !== undefined) {
            wait = retryAfterDelayMs(retryAfter, () => random.next());
          } else {
            otherErrors += 1;
            wait = retryDelayMs(failures, () => random.next());
          }
        } catch (error) {
          sizing.failed();
          latencies.push(Date.now() - sent);
          count(`no reply (${(error as Error).name})`);
          otherErrors += 1;
          failures += 1;
          wait = retryDelayMs(failures, () => random.next());
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  clearInterval(sampler);
  agent.destroy();
  peakRss = Math.max(peakRss, server.rssBytes());

  const sorted = [...latencies].sort((a, b) => a - b);
  const slowestSentAt = () => {
    const slow = [...timeline]
      .sort((a, b) => b.s - a.s)
      .slice(0, Math.max(1, Math.floor(timeline.length / 100)))
      .map((entry) => entry.sentS)
      .sort((a, b) => a - b);
    return [slow[0], slow[Math.floor(slow.length / 2)], slow.at(-1)]
      .map((at) => (at ?? 0).toFixed(1))
      .join(", ");
  };
  const p99Of = (values: number[]) =>
    (([...values].sort((a, b) => a - b)[Math.floor(0.99 * values.length)] ?? 0) / 1000).toFixed(2);
  const quantile = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000;
  // The server's own view of the same requests (its latency histogram): tells a slow server
  // from a slow client, as both share this machine's two cores.
  const metricsText = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const buckets = [
    ...metricsText.matchAll(/^borgerpuls_http_request_duration_seconds_bucket\{(.*)\} (\d+)$/gm),
  ]
    .filter(([, labels]) => labels?.includes('route="/api/v1/sync/"'))
    .map(([, labels, n]) => `≤ ${labels?.match(/le="([^"]+)"/)?.[1]} s: ${n}`);
  const stored = await db.pool.query<{ rows: number; ids: number }>(
    "select count(*) as rows, count(distinct id) as ids from responses",
  );
  const health = await db.pool.query<{ stored: number }>(
    "select coalesce(sum(stored_count), 0)::bigint as stored from kiosk_health",
  );
  const expected = kiosks * answers;
  const row = stored.rows[0];
  const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
  const rssMb = Math.round(peakRss / 1024 / 1024);
  process.stdout.write(
    [
      `server RSS peak        ${rssMb} MB   (target ≤ ${targets.rssMb} MB: ${mark(rssMb <= targets.rssMb)})`,
      `request latency p50   ${quantile(0.5).toFixed(2)} s, p99 ${quantile(0.99).toFixed(2)} s, max ${quantile(1).toFixed(2)} s   (target p99 ≤ ${targets.p99S} s: ${mark(quantile(0.99) <= targets.p99S)})`,
      `  of which accepted   p99 ${p99Of(acceptedLatencies)} s; refused (503) p99 ${p99Of(refusedLatencies)} s`,
      `  slowest 1 % sent at ${slowestSentAt()} s after the start (min, median, max)`,
      `requests              ${latencies.length}: ${[...statuses].map(([what, n]) => `${what} ×${n}`).join(", ")}`,
      `server-side sync durations (cumulative) ${buckets.join(", ")}`,
      `errors other than 503 + Retry-After: ${otherErrors}   (target 0: ${mark(otherErrors === 0)})`,
      `all acknowledged after ${((lastAck - started) / 1000).toFixed(1)} s   (49 s before admission control, with RSS 1.55 GB and p99 23 s)`,
      `stored ${row?.rows} rows, ${row?.ids} distinct ids, kiosk health counts ${health.rows[0]?.stored}   (expected ${expected} each)`,
      "",
    ].join("\n"),
  );
  if (row?.rows !== expected || row.ids !== expected || health.rows[0]?.stored !== expected) {
    process.stdout.write("burst: answers lost or doubled\n");
    process.exitCode = 1;
  }
} finally {
  await server.stop("SIGTERM");
  await db.close();
}
