import { to as copyTo } from "pg-copy-streams";
import { exportResponsesSql } from "../../sync-server/queries/export-responses.ts";
import { insertBulkResponses } from "../helpers/bulk-responses.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { startServerProcess } from "../helpers/server-process.ts";
import { openBenchDatabase } from "./bench-postgres.ts";

/**
 * Export of BENCH_EXPORT_ROWS (default 1 million) responses: rows/s and the server's peak memory
 * through GET /api/v1/export/responses.csv, beside `COPY (SELECT …) TO STDOUT` of the very same
 * SELECT straight from PostgreSQL, in the same run. Target: HTTP ≥ 70 % of raw COPY.
 */
const rows = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const db = await openBenchDatabase();
try {
  const fx = await twoSiteFixture(db.pool, "Benchkommune");
  const kiosk = {
    municipalityId: fx.municipalityId,
    siteId: fx.siteA.siteId,
    kioskId: fx.kioskA.kioskId,
  };
  process.stdout.write(`loading ${rows.toLocaleString("en")} responses …\n`);
  for (let done = 0; done < rows; done += 250_000) {
    await insertBulkResponses(db.pool, kiosk, Math.min(250_000, rows - done), {
      firstSeq: done + 1,
    });
  }
  await db.pool.query("vacuum analyze responses");
  const filter = {
    municipalityId: fx.municipalityId,
    from: "2020-01-01",
    to: "2030-12-31",
    siteIds: null,
    kioskId: null,
    includeSuspect: false,
  };
  const sql = exportResponsesSql(filter, { delimiter: ",", labels: "codes", guardFormulas: false });

  const copyRun = async () => {
    const client = await db.pool.connect();
    const started = performance.now();
    let bytes = 0;
    for await (const chunk of client.query(
      copyTo(`copy (${sql}) to stdout with (format csv, header true)`),
    )) {
      bytes += (chunk as Buffer).length;
    }
    client.release();
    return { seconds: (performance.now() - started) / 1000, bytes };
  };

  const server = await startServerProcess({ DATABASE_URL: db.url, LOG_LEVEL: "warn" });
  const httpRun = async () => {
    const before = server.rssBytes();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, server.rssBytes());
    }, 20);
    const started = performance.now();
    const response = await fetch(
      `${server.baseUrl}/api/v1/export/responses.csv?from=2020-01-01&to=2030-12-31`,
      {
        headers: { authorization: `Bearer ${fx.analyst.token}` },
      },
    );
    let bytes = 0;
    let firstByte = 0;
    for await (const chunk of response.body ?? []) {
      if (!firstByte) firstByte = performance.now() - started;
      bytes += (chunk as Uint8Array).length;
    }
    clearInterval(sampler);
    return { seconds: (performance.now() - started) / 1000, bytes, peak, before, firstByte };
  };

  await copyRun(); // warm the cache for both
  const copy = await copyRun();
  await httpRun();
  const http = await httpRun();
  await server.stop();

  const copyRate = rows / copy.seconds;
  const httpRate = rows / http.seconds;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(
    [
      `rows                         ${rows.toLocaleString("en")}  (${mb(http.bytes)} CSV)`,
      `raw COPY TO STDOUT           ${Math.round(copyRate).toLocaleString("en")} rows/s  (${copy.seconds.toFixed(2)} s)`,
      `HTTP export (rfc4180)        ${Math.round(httpRate).toLocaleString("en")} rows/s  (${http.seconds.toFixed(2)} s, first byte ${http.firstByte.toFixed(0)} ms)`,
      `ratio HTTP / COPY            ${((100 * httpRate) / copyRate).toFixed(0)} %  (target ≥ 70 %)`,
      `server memory                ${mb(http.before)} before, ${mb(http.peak)} peak (+${mb(http.peak - http.before)})`,
      "",
    ].join("\n"),
  );
} finally {
  await db.close();
}
