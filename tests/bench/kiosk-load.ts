import http from "node:http";
import { retryAfterDelayMs } from "../../kiosk/sync/backoff.ts";
import { addKiosk } from "../../sync-server/admin/verbs.ts";
import type { Pool, Queryable } from "../../sync-server/db.ts";
import { samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { post } from "./http-post.ts";

/** A kiosk of the load: where it sends, its token, the next seq it will use. */
export type LoadKiosk = { baseUrl: string; token: string; nextSeq: number };

/** One answered request: how long it took and what it said. */
export type Answer = { ms: number; status: number };

/** `count` new kiosks spread over the given sites, each sending to baseUrls[i % n]. */
export async function addLoadKiosks(
  pool: Pool,
  siteIds: readonly string[],
  count: number,
  baseUrls: readonly string[],
): Promise<LoadKiosk[]> {
  const kiosks: LoadKiosk[] = [];
  for (let i = 0; i < count; i += 1) {
    const kiosk = await addKiosk(pool, { siteId: siteIds[i % siteIds.length] ?? "" });
    kiosks.push({ baseUrl: baseUrls[i % baseUrls.length] ?? "", token: kiosk.token, nextSeq: 1 });
  }
  return kiosks;
}

/** The sites of the benchmark's municipalities, one list. */
export async function allSiteIds(db: Queryable): Promise<string[]> {
  const result = await db.query<{ id: string }>("select id::text from sites order by id");
  return result.rows.map((row) => row.id);
}

/**
 * Every kiosk at once sends `batches` syncs of `batchSize` new responses, one after the other,
 * as a kiosk's outbox drains: a 503 is waited out as its Retry-After says, with the kiosk app's
 * own jitter (kiosk/sync/backoff.ts), and sent again. Every answer's latency is kept.
 */
export async function syncAll(
  kiosks: readonly LoadKiosk[],
  batches: number,
  batchSize: number,
): Promise<{ answers: Answer[]; seconds: number; stored: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const answers: Answer[] = [];
  let stored = 0;
  const started = performance.now();
  await Promise.all(
    kiosks.map(async (kiosk) => {
      const url = new URL("/api/v1/sync", kiosk.baseUrl);
      for (let b = 0; b < batches; b += 1) {
        const at = Date.now() - 10 * 60_000;
        const payloads = Array.from({ length: batchSize }, (_, i) =>
          samplePayload(kiosk.nextSeq + i, {}, at + i * 1000),
        );
        kiosk.nextSeq += batchSize;
        const body = Buffer.from(JSON.stringify(syncBody(payloads)));
        for (;;) {
          const sent = performance.now();
          const reply = await post(agent, url, kiosk.token, body);
          answers.push({ ms: performance.now() - sent, status: reply.status });
          if (reply.status === 200) {
            stored += (JSON.parse(reply.text) as { accepted: string[] }).accepted.length;
            break;
          }
          if (reply.status !== 503) throw new Error(`sync answered ${reply.status}: ${reply.text}`);
          const waitMs = retryAfterDelayMs((reply.retryAfter ?? 2) * 1000, Math.random);
          await new Promise((resolve) => setTimeout(resolve, waitMs));
        }
      }
    }),
  );
  agent.destroy();
  return { answers, seconds: (performance.now() - started) / 1000, stored };
}

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
