import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// Each log-in is a real scrypt hash (128 MiB, ~0.35 s alone, several seconds on a loaded
// machine): generous limits, so the test checks behaviour, never speed.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

/**
 * Hostile input against what part B added to the network surface: log-in, enrolment, the
 * account and the admin token/audit endpoints. Seeded, so a failure replays; the count of
 * answers ≥ 500 must stay zero, and every error keeps the one shape.
 */
let db: TestDatabase;
let server: TestServer;
let who: { cookie: string; csrf: string };
const password = "en meget lang adgangskode";

beforeAll(async () => {
  db = await createTestDatabase();
  // Hashing is cheap to refuse: a queue of 0 keeps scrypt from dominating the run's time.
  server = await startTestServer(db.pool, {
    security: { passwordHashing: { concurrency: 2, queue: 0 } },
  });
  await addSite(db.pool, { name: "Borgerservice", municipality: "Fuzzkommune" });
  await addUser(db.pool, { email: "admin@fuzz.dk", role: "admin", siteIds: [], password });
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@fuzz.dk", password }),
  });
  who = {
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: ((await response.json()) as { csrfToken: string }).csrfToken,
  };
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "bpe_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "bpt_",
    "0000-00-00T00:00:00Z",
    "9999d",
    "-1d",
    "1e309d",
    "%00",
    "' or 1=1 --",
    "\u0000",
  ),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

const targets = [
  { method: "POST", path: "/api/v1/session", auth: false },
  { method: "POST", path: "/api/v1/enrol", auth: false },
  { method: "PUT", path: "/api/v1/account/password", auth: true },
  { method: "DELETE", path: "/api/v1/account/sessions/", auth: true, idInPath: true },
  { method: "POST", path: "/api/v1/admin/tokens", auth: true },
  { method: "POST", path: "/api/v1/admin/tokens/", auth: true, idInPath: true, suffix: "/revoke" },
  { method: "POST", path: "/api/v1/admin/users/", auth: true, idInPath: true, suffix: "/password" },
  {
    method: "POST",
    path: "/api/v1/admin/kiosks/",
    auth: true,
    idInPath: true,
    suffix: "/enrolment",
  },
] as const;

describe("part B's endpoints under hostile input", () => {
  it("never answer 500, and always in the one error shape", async () => {
    let served = 0;
    const fiveHundreds: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(
          hostileValue.map((value) => JSON.stringify(value)),
          fc.string({ maxLength: 60 }),
        ),
        // An empty id (or a dot segment) would name the collection: "log out everywhere".
        hostileString.filter((id) => id !== "" && id !== "." && id !== ".."),
        async (target, body, id) => {
          const suffix = "suffix" in target ? target.suffix : "";
          const url = `${server.baseUrl}${target.path}${"idInPath" in target ? encodeURIComponent(id) : ""}${suffix}`;
          const response = await fetch(url, {
            method: target.method,
            headers: {
              "content-type": "application/json",
              ...(target.auth ? { cookie: who.cookie, "x-csrf-token": who.csrf } : {}),
            },
            body,
          });
          served += 1;
          const text = await response.text();
          if (response.status >= 500 && response.status !== 503) {
            fiveHundreds.push(`${target.method} ${url} ${body} → ${response.status} ${text}`);
          }
          if (response.status >= 400) {
            expect(JSON.parse(text)).toMatchObject({
              error: { code: expect.any(String), message: expect.any(String) },
            });
          }
        },
      ),
      { seed: 1313, numRuns: 400 },
    );
    expect(fiveHundreds).toEqual([]);
    expect(served).toBe(400);
    // The session survived, so the authenticated targets were really reached.
    expect(
      (await fetch(`${server.baseUrl}/api/v1/session`, { headers: { cookie: who.cookie } })).status,
    ).toBe(200);
  });

  it("answer hostile audit queries with 200 or 400, never 500", async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("action", "before", "limit", "x", "__proto__"),
          hostileString,
          {
            maxKeys: 3,
          },
        ),
        async (query) => {
          const search = new URLSearchParams(query).toString();
          const response = await fetch(`${server.baseUrl}/api/v1/admin/audit?${search}`, {
            headers: { cookie: who.cookie },
          });
          statuses.add(response.status);
          expect([200, 400]).toContain(response.status);
          await response.body?.cancel();
        },
      ),
      { seed: 1313, numRuns: 200 },
    );
    expect(statuses.has(400)).toBe(true);
  });
});
