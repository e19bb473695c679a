import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../../sync-server/db.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-dist-"));

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, "kiosk", "assets"), { recursive: true });
  fs.writeFileSync(
    path.join(dist, "kiosk", "index.html"),
    "<!doctype html><title>kiosk shell</title>",
  );
  fs.writeFileSync(path.join(dist, "kiosk", "assets", "app-abc123.js"), "console.log(1)");
  db = await createTestDatabase();
  server = await startTestServer(db.pool, { distDir: dist });
});
afterAll(async () => {
  await server.close();
  await db.drop();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe("HTTP surface", () => {
  it("/readyz writes to the database; /healthz says the process lives", async () => {
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-store");
    expect(await ready.json()).toMatchObject({ status: "ok", database: "ok" });
    const probe = await db.pool.query("select checked_at from readiness_probe");
    expect(probe.rowCount).toBe(1);
    const live = await fetch(`${server.baseUrl}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: "ok" });
  });

  it("/readyz answers 503 + Retry-After when the database is gone; /healthz stays 200", async () => {
    const deadPool = createPool(`postgresql://nobody:x@127.0.0.1:${await freePort()}/none`, 1);
    const dead = await startTestServer(deadPool, { distDir: dist });
    try {
      const response = await fetch(`${dead.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await response.json()).toMatchObject({
        status: "unavailable",
        database: "unreachable",
        error: { code: "database_unavailable" },
      });
      expect((await fetch(`${dead.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await dead.close();
      await deadPool.end();
    }
  });

  it("/metrics counts requests by route pattern, with latencies and ingest counters", async () => {
    await fetch(`${server.baseUrl}/api/v1/`);
    await fetch(`${server.baseUrl}/api/v1/`);
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /borgerpuls_http_requests_total\{method="GET",route="\/api\/v1\/",status="200"\} 2/,
    );
    expect(text).toMatch(
      /borgerpuls_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/"\}/,
    );
    expect(text).toMatch(/borgerpuls_ingest_responses_total\{outcome="accepted"\} 0/);
  });

  it("/metrics labels a request refused inside a router by that router's route", async () => {
    const refused = await fetch(`${server.baseUrl}/api/v1/sync`, { method: "POST" });
    expect(refused.status).toBe(401);
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /borgerpuls_http_requests_total\{method="POST",route="\/api\/v1\/sync\/",status="401"\} 1/,
    );
    expect(text).not.toMatch(/route="\/",/);
  });

  it("unknown API paths answer 404 in the one error shape", async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/no/such/thing?x=1`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "No such resource: GET /api/v1/no/such/thing" },
    });
  });

  it("serves the kiosk shell with revalidation, hashed assets as immutable, deep links as the shell", async () => {
    const shell = await fetch(`${server.baseUrl}/kiosk/`);
    expect(shell.headers.get("cache-control")).toBe("no-cache");
    expect(await shell.text()).toContain("kiosk shell");
    const asset = await fetch(`${server.baseUrl}/kiosk/assets/app-abc123.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await (await fetch(`${server.baseUrl}/kiosk/staff`)).text()).toContain("kiosk shell");
    expect((await fetch(`${server.baseUrl}/kiosk/missing.js`)).status).toBe(404);
  });

  it("says plainly when a front end is not built yet", async () => {
    const response = await fetch(`${server.baseUrl}/dashboard/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/not built yet.*npm start/);
  });

  it("sends security headers and redirects / to the dashboard", async () => {
    const response = await fetch(`${server.baseUrl}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard/");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});
