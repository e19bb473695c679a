import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addApiToken, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// Each log-in is a real scrypt hash (128 MiB, ~0.35 s alone, several seconds on a loaded
// machine): generous limits, so the test checks behaviour, never speed.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

type Json = Record<string, unknown>;
type Who = { cookie: string; csrf: string };

let db: TestDatabase;
let server: TestServer;
const password = "korrekt-hest-batteri";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  await addSite(db.pool, { name: "Borgerservice", municipality: "Testkommune" });
  for (const email of ["mette@test.dk", "jens@test.dk", "karen@test.dk"]) {
    await addUser(db.pool, { email, role: "chief", siteIds: [], password });
  }
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

async function session(email: string, pw = password, userAgent = "Firefox/140"): Promise<Who> {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": userAgent },
    body: JSON.stringify({ email, password: pw }),
  });
  expect(response.status).toBe(201);
  return {
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: ((await response.json()) as { csrfToken: string }).csrfToken,
  };
}

function call(method: string, path: string, who: Who, body?: unknown) {
  return fetch(`${server.baseUrl}/api/v1/${path}`, {
    method,
    headers: { cookie: who.cookie, "content-type": "application/json", "x-csrf-token": who.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const alive = async (who: Who) => (await call("GET", "session", who)).status === 200;

describe("one's own sessions", () => {
  it("are listed with their browser, the current one marked, and can be ended one by one", async () => {
    const laptop = await session("mette@test.dk", password, "Firefox/140");
    const phone = await session("mette@test.dk", password, "Safari/18");
    const listed = await call("GET", "account/sessions", laptop);
    expect(listed.headers.get("cache-control")).toBe("no-store");
    const { sessions } = (await listed.json()) as { sessions: Json[] };
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.current)).toMatchObject({ userAgent: "Firefox/140" });
    const other = sessions.find((s) => !s.current);
    expect(other).toMatchObject({ userAgent: "Safari/18", ip: "127.0.0.1" });
    // Someone else's session id is "not found", not ended.
    const jens = await session("jens@test.dk");
    expect((await call("DELETE", `account/sessions/${String(other?.id)}`, jens)).status).toBe(404);
    expect(await alive(phone)).toBe(true);
    expect((await call("DELETE", `account/sessions/${String(other?.id)}`, laptop)).status).toBe(
      204,
    );
    expect(await alive(phone)).toBe(false);
    expect(await alive(laptop)).toBe(true);
    expect(await alive(jens)).toBe(true);
  });

  it("all end with 'log out everywhere', and nobody else's do", async () => {
    const one = await session("karen@test.dk");
    const two = await session("karen@test.dk");
    const jens = await session("jens@test.dk");
    const out = await call("DELETE", "account/sessions", one);
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/bp_session=;/);
    expect(await alive(one)).toBe(false);
    expect(await alive(two)).toBe(false);
    expect(await alive(jens)).toBe(true);
  });

  it("need a session and the CSRF token; an API token has none", async () => {
    const token = await addApiToken(db.pool, { role: "chief", siteIds: [] });
    const byToken = await fetch(`${server.baseUrl}/api/v1/account/sessions`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(byToken.status).toBe(403);
    const who = await session("jens@test.dk");
    const noCsrf = await fetch(`${server.baseUrl}/api/v1/account/sessions`, {
      method: "DELETE",
      headers: { cookie: who.cookie },
    });
    expect(noCsrf.status).toBe(403);
    expect(await alive(who)).toBe(true);
  });
});

describe("changing one's password", () => {
  it("needs the current one, ends the other sessions and keeps this one", async () => {
    const here = await session("jens@test.dk");
    const elsewhere = await session("jens@test.dk");
    const wrong = await call("PUT", "account/password", here, {
      currentPassword: "not it at all",
      newPassword: "et helt nyt kodeord",
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: Json }).error.code).toBe("wrong_password");
    const weak = await call("PUT", "account/password", here, {
      currentPassword: password,
      newPassword: "kort",
    });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: Json }).error.code).toBe("weak_password");
    expect(await alive(elsewhere)).toBe(true);
    const changed = await call("PUT", "account/password", here, {
      currentPassword: password,
      newPassword: "et helt nyt kodeord",
    });
    expect(changed.status).toBe(204);
    expect(await alive(here)).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
    const old = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "jens@test.dk", password }),
    });
    expect(old.status).toBe(401);
    await session("jens@test.dk", "et helt nyt kodeord");
    const entries = await db.pool.query<{ action: string }>(
      "select action from audit_log where action like 'password.%' order by at",
    );
    expect(entries.rows.map((row) => row.action)).toEqual([
      "password.change_failed",
      "password.changed",
    ]);
  });

  it("refuses a malformed body with 400", async () => {
    const who = await session("karen@test.dk");
    for (const body of [
      {},
      { currentPassword: 1, newPassword: 2 },
      { newPassword: "x".repeat(20) },
    ]) {
      expect((await call("PUT", "account/password", who, body)).status).toBe(400);
    }
  });
});
