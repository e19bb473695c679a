import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBulkResponses } from "../helpers/bulk-responses.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";

const rows = 200_000;
let db: TestDatabase;
let server: ServerProcess;
let token = "";

beforeAll(async () => {
  db = await createTestDatabase();
  const fx = await twoSiteFixture(db.pool);
  token = fx.analyst.token;
  await insertBulkResponses(
    db.pool,
    { municipalityId: fx.municipalityId, siteId: fx.siteA.siteId, kioskId: fx.kioskA.kioskId },
    rows,
  );
  // The server in a process of its own, so its memory is measured alone. A 1 MB young
  // generation keeps V8's allocation headroom (~16–20 MB of short-lived chunks before a
  // scavenge) from passing for buffering; a server that held the file would still grow by it.
  server = await startServerProcess({
    DATABASE_URL: db.url,
    LOG_LEVEL: "warn",
    NODE_OPTIONS: "--max-semi-space-size=1",
  });
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

const exportUrl = (from: string, to: string) =>
  `${server.baseUrl}/api/v1/export/responses.csv?from=${from}&to=${to}`;

describe("a large export", () => {
  it(`streams ${rows.toLocaleString("en")} responses with flat server memory, first bytes at once`, async () => {
    const headers = { authorization: `Bearer ${token}` };
    // Warm up (lazy code paths, JIT, pools) so the measurement sees the export alone.
    await (await fetch(exportUrl("2026-06-30", "2026-06-30"), { headers })).text();
    const before = server.rssBytes();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, server.rssBytes());
    }, 10);
    const started = Date.now();
    const response = await fetch(exportUrl("2025-01-01", "2026-12-31"), { headers });
    const reader = response.body?.getReader();
    let bytes = 0;
    let lines = 0;
    let firstByteMs = -1;
    for (;;) {
      const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done || !value) break;
      if (firstByteMs < 0) firstByteMs = Date.now() - started;
      bytes += value.length;
      for (const byte of value) if (byte === 0x0a) lines += 1;
    }
    clearInterval(sampler);
    expect(lines).toBeGreaterThanOrEqual(rows + 1);
    expect(bytes).toBeGreaterThan(30 * 1024 * 1024);
    // Buffering the file would grow the server by at least its size; streaming stays far below.
    const growth = peak - before;
    expect(
      growth,
      `server grew ${Math.round(growth / 1e6)} MB while sending ${Math.round(bytes / 1e6)} MB`,
    ).toBeLessThan(bytes / 3);
    expect(firstByteMs).toBeLessThan(5_000);
  });
});
