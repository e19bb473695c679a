import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../sync-server/config.ts";
import { createPool } from "../../sync-server/db.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { createLimitedServer } from "../../sync-server/http/server-limits.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("/readyz", () => {
  it("says the database is unreachable without its internals (host, port, driver message)", async () => {
    const port = await freePort();
    const dead = createPool(`postgres://nobody:secret@127.0.0.1:${port}/nothing`, 1);
    const server = await startTestServer(dead);
    try {
      const response = await fetch(`${server.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({
        status: "unavailable",
        error: { code: "database_unavailable" },
      });
      for (const internal of [String(port), "127.0.0.1", "ECONNREFUSED", "nobody", "connect"]) {
        expect(text, internal).not.toContain(internal);
      }
    } finally {
      await server.close();
      await dead.end();
    }
  });
});

// What a reverse proxy on the same host sends: its socket is loopback like a local scraper's.
const proxied: Record<string, string>[] = [
  { "x-forwarded-for": "203.0.113.7" },
  { forwarded: "for=203.0.113.7;proto=https" },
  { "x-real-ip": "203.0.113.7" },
  { via: "1.1 proxy.kommune.dk" },
];

describe("/metrics", () => {
  it("without METRICS_TOKEN answers this machine only (the socket, not X-Forwarded-For)", async () => {
    const server = await startTestServer(db.pool);
    try {
      const local = await fetch(`${server.baseUrl}/metrics`);
      expect(local.status).toBe(200);
      expect(await local.text()).toMatch(/borgerpuls_http_requests_total/);
    } finally {
      await server.close();
    }
  });

  it("without METRICS_TOKEN refuses a request relayed by a proxy on this machine", async () => {
    const server = await startTestServer(db.pool);
    try {
      for (const headers of proxied) {
        const response = await fetch(`${server.baseUrl}/metrics`, { headers });
        expect(response.status, JSON.stringify(headers)).toBe(403);
        expect(await response.text()).not.toMatch(/borgerpuls_/);
      }
    } finally {
      await server.close();
    }
  });

  it("without METRICS_TOKEN refuses a declared proxy's requests even when it adds no header", async () => {
    // nginx's bare proxy_pass adds no X-Forwarded-For; TRUST_PROXY still says who the proxy is.
    for (const trustProxy of [["loopback"], ["127.0.0.1"], 1] as const) {
      const server = await startTestServer(db.pool, {
        security: { trustProxy: typeof trustProxy === "number" ? trustProxy : [...trustProxy] },
      });
      try {
        const bare = await fetch(`${server.baseUrl}/metrics`);
        expect(bare.status, String(trustProxy)).toBe(403);
        const forwarded = await fetch(`${server.baseUrl}/metrics`, {
          headers: { "x-forwarded-for": "127.0.0.1" },
        });
        expect(forwarded.status, String(trustProxy)).toBe(403);
      } finally {
        await server.close();
      }
    }
    // A proxy elsewhere on the network does not make a local scraper a stranger.
    const remote = await startTestServer(db.pool, { security: { trustProxy: ["10.0.0.5"] } });
    try {
      expect((await fetch(`${remote.baseUrl}/metrics`)).status).toBe(200);
    } finally {
      await remote.close();
    }
  });

  it("with METRICS_TOKEN wants it as a bearer token", async () => {
    const metricsToken = "m".repeat(40);
    const server = await startTestServer(db.pool, { security: { metricsToken } });
    try {
      const without = await fetch(`${server.baseUrl}/metrics`);
      expect(without.status).toBe(401);
      expect(await without.text()).not.toMatch(/borgerpuls_/);
      const wrong = await fetch(`${server.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${"x".repeat(40)}` },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${server.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      expect(right.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("with METRICS_TOKEN serves a proxied scraper that sends it, and no one else", async () => {
    const metricsToken = "m".repeat(40);
    const server = await startTestServer(db.pool, {
      security: { metricsToken, trustProxy: ["loopback"] },
    });
    try {
      for (const headers of proxied) {
        const without = await fetch(`${server.baseUrl}/metrics`, { headers });
        expect(without.status, JSON.stringify(headers)).toBe(401);
        expect(await without.text()).not.toMatch(/borgerpuls_/);
        const right = await fetch(`${server.baseUrl}/metrics`, {
          headers: { ...headers, authorization: `Bearer ${metricsToken}` },
        });
        expect(right.status, JSON.stringify(headers)).toBe(200);
        expect(await right.text()).toMatch(/borgerpuls_http_requests_total/);
      }
    } finally {
      await server.close();
    }
  });
});

describe("/healthz and /readyz", () => {
  it("say only whether the server lives and can write, locally or through a proxy", async () => {
    const server = await startTestServer(db.pool, { security: { trustProxy: ["loopback"] } });
    // The database's own name and role, and this machine's: none belongs in a health answer.
    const url = new URL(db.url);
    const internals = [
      db.name,
      decodeURIComponent(url.username),
      url.port,
      hostname(),
      process.version,
      "borgerpuls_",
      "postgres",
    ].filter((text) => text !== "");
    try {
      for (const headers of [{}, ...proxied]) {
        const live = await fetch(`${server.baseUrl}/healthz`, { headers });
        expect(live.status).toBe(200);
        const liveText = await live.text();
        expect(Object.keys(JSON.parse(liveText)).sort()).toEqual(["status", "uptimeS"]);
        const ready = await fetch(`${server.baseUrl}/readyz`, { headers });
        expect(ready.status).toBe(200);
        const readyText = await ready.text();
        expect(Object.keys(JSON.parse(readyText)).sort()).toEqual([
          "database",
          "latencyMs",
          "pool",
          "status",
        ]);
        for (const internal of internals) {
          expect(liveText, internal).not.toContain(internal);
          expect(readyText, internal).not.toContain(internal);
        }
      }
    } finally {
      await server.close();
    }
  });
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    // Writing to a socket the server has closed is EPIPE: expected here, not a failure.
    socket.on("error", reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    socket.once("close", () => resolve());
  });
}

describe("the HTTP server's limits", () => {
  it("takes its timeouts from the configuration", () => {
    const limits = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "5000", HTTP_MAX_CONNECTIONS: "50" }).http;
    const server = createLimitedServer(limits, () => {});
    expect(server.headersTimeout).toBe(5000);
    expect(server.requestTimeout).toBe(limits.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(limits.keepAliveTimeoutMs);
    expect(server.maxConnections).toBe(50);
  });

  it("closes connections beyond the cap, and one that trickles its headers", async () => {
    const server = createLimitedServer(
      {
        headersTimeoutMs: 1000,
        requestTimeoutMs: 2000,
        keepAliveTimeoutMs: 1000,
        maxConnections: 10,
      },
      (_req, res) => res.end("ok"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 10; i += 1) sockets.push(await open(port));
      // Slowloris: a request line, then a header now and then, never the end of the headers.
      sockets[0]?.write("GET / HTTP/1.1\r\nHost: x\r\n");
      const trickle = setInterval(() => {
        if (!sockets[0]?.destroyed) sockets[0]?.write("X-Slow: 1\r\n");
      }, 200);
      const extra = await open(port);
      sockets.push(extra);
      await closed(extra);
      expect(extra.destroyed).toBe(true);
      await closed(sockets[0] as Socket);
      clearInterval(trickle);
      expect(sockets[0]?.destroyed).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
