import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { loginThrottlePolicy } from "../../sync-server/login-throttle.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// Each log-in is a real scrypt hash (128 MiB, ~0.35 s alone, several seconds on a loaded
// machine): generous limits, so the test checks behaviour, never speed.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let db: TestDatabase;
const password = "korrekt-hest-batteri";

beforeAll(async () => {
  db = await createTestDatabase();
  await addSite(db.pool, { name: "Borgerservice", municipality: "Testkommune" });
  await addUser(db.pool, { email: "owner@test.dk", role: "admin", siteIds: [], password });
});
afterAll(async () => {
  await db.drop();
});
// The limits live in the database now and outlast a server: each case starts with none counted.
beforeEach(async () => {
  await db.pool.query("truncate rate_limit_hits, login_failures");
});

type Json = Record<string, unknown>;

async function withServer<T>(
  options: Parameters<typeof startTestServer>[1],
  use: (server: TestServer) => Promise<T>,
): Promise<T> {
  const server = await startTestServer(db.pool, options);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

function logIn(
  server: TestServer,
  email: string,
  pw: string,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password: pw }),
  });
}

async function codeOf(response: Response): Promise<string> {
  return String(((await response.json()) as { error: Json }).error.code);
}

describe("the per-address log-in limit", () => {
  it("is not lifted by a new X-Forwarded-For per request (no proxy trusted by default)", async () => {
    await withServer({}, async (server) => {
      // A different e-mail each time, so only the per-address limit is in play.
      for (let i = 0; i < 10; i += 1) {
        const response = await logIn(server, `nobody${i}@test.dk`, "wrong", {
          "x-forwarded-for": `203.0.113.${i + 1}`,
        });
        expect(response.status).toBe(401);
      }
      const spoofed = await logIn(server, "nobody10@test.dk", "wrong", {
        "x-forwarded-for": "198.51.100.77",
      });
      expect(spoofed.status).toBe(429);
      expect(await codeOf(spoofed)).toBe("too_many_attempts");
    });
  });

  it("counts per client address from the trusted proxy's header when TRUST_PROXY names it", async () => {
    await withServer({ security: { trustProxy: ["127.0.0.1"] } }, async (server) => {
      for (let i = 0; i < 10; i += 1) {
        const response = await logIn(server, `someone${i}@test.dk`, "wrong", {
          "x-forwarded-for": "198.51.100.1",
        });
        expect(response.status).toBe(401);
      }
      const sameClient = await logIn(server, "someone10@test.dk", "wrong", {
        "x-forwarded-for": "198.51.100.1",
      });
      expect(sameClient.status).toBe(429);
      // Another citizen-service PC behind the same proxy is not punished for it.
      const colleague = await logIn(server, "owner@test.dk", password, {
        "x-forwarded-for": "198.51.100.2",
      });
      expect(colleague.status).toBe(201);
    });
  });
});

describe("the per-account slowdown", () => {
  it("never locks the owner out for long: after many failures from many addresses, a short wait lets the right password in", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    await withServer(
      { security: { trustProxy: ["loopback"] }, clock: () => now },
      async (server) => {
        // An attacker on many addresses (each under its own limit) hammers one known account.
        let slowed = 0;
        for (let i = 0; i < 40; i += 1) {
          const response = await logIn(server, "owner@test.dk", `guess ${i}`, {
            "x-forwarded-for": `203.0.113.${i + 1}`,
          });
          if (response.status === 429) {
            slowed += 1;
            const wait = Number(response.headers.get("retry-after"));
            expect(wait).toBeGreaterThan(0);
            expect(wait).toBeLessThanOrEqual(loginThrottlePolicy.maxDelaySeconds);
          } else {
            expect(response.status).toBe(401);
          }
          now += 1000;
        }
        // Only the first few were even checked (scrypt run): the rest were told to wait.
        expect(40 - slowed).toBeLessThanOrEqual(10);
        // The owner, arriving now, is told to wait at most the cap …
        const owner = await logIn(server, "owner@test.dk", password, {
          "x-forwarded-for": "192.0.2.10",
        });
        expect(owner.status).toBe(429);
        const wait = Number(owner.headers.get("retry-after"));
        expect(wait).toBeLessThanOrEqual(loginThrottlePolicy.maxDelaySeconds);
        // … and gets in once it has passed (the old code locked the account for 15 minutes).
        now += wait * 1000;
        const again = await logIn(server, "owner@test.dk", password, {
          "x-forwarded-for": "192.0.2.10",
        });
        expect(again.status).toBe(201);
      },
    );
  });
});

describe("a burst of parallel guesses at one account", () => {
  it("gets no more checks than the free failures", async () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    await withServer(
      {
        security: { trustProxy: ["loopback"], passwordHashing: { concurrency: 2, queue: 50 } },
        clock: () => now,
      },
      async (server) => {
        const responses = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            logIn(server, "owner@test.dk", `parallel guess ${i}`, {
              "x-forwarded-for": `198.51.100.${i + 1}`,
            }),
          ),
        );
        const statuses = responses.map((response) => response.status);
        expect(statuses.filter((status) => status === 401)).toHaveLength(
          loginThrottlePolicy.freeFailures,
        );
        expect(statuses.filter((status) => status === 429)).toHaveLength(
          12 - loginThrottlePolicy.freeFailures,
        );
      },
    );
  });
});

describe("password hashing under a flood", () => {
  it("runs at most the cap at once, queues a few, answers 503 with Retry-After beyond, and keeps serving the kiosk", async () => {
    const distDir = await mkdtemp(path.join(tmpdir(), "bp-dist-"));
    await mkdir(path.join(distDir, "kiosk"));
    await writeFile(
      path.join(distDir, "kiosk", "index.html"),
      "<!doctype html><title>Kiosk</title>",
    );
    await withServer(
      { distDir, security: { passwordHashing: { concurrency: 1, queue: 2 } } },
      async (server) => {
        const gate = server.app.passwordGate;
        // Hold the only hashing slot, as a long scrypt would.
        let release = () => {};
        const holding = gate.run(
          () =>
            new Promise<void>((resolve) => {
              release = resolve;
            }),
        );
        const queued = [1, 2].map((i) => logIn(server, `flood${i}@test.dk`, "wrong"));
        while (gate.load().waiting < 2) await new Promise((resolve) => setTimeout(resolve, 10));
        const refused = await logIn(server, "flood3@test.dk", "wrong");
        expect(refused.status).toBe(503);
        expect(await codeOf(refused)).toBe("server_busy");
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(gate.load()).toEqual({ running: 1, waiting: 2 });
        // The kiosk app is static files: it does not wait for the password queue.
        const kiosk = await fetch(`${server.baseUrl}/kiosk/`);
        expect(kiosk.status).toBe(200);
        release();
        await holding;
        for (const response of await Promise.all(queued)) expect(response.status).toBe(401);
        expect(gate.load()).toEqual({ running: 0, waiting: 0 });
      },
    ).finally(() => rm(distDir, { recursive: true, force: true }));
  });
});
