import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addApiToken, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let horsens: { siteId: string; municipalityId: string };
let library: { siteId: string };
const password = "korrekt-hest-batteri";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  horsens = await addSite(db.pool, { name: "Borgerservice Horsens", municipality: "Testkommune" });
  library = await addSite(db.pool, { name: "Biblioteket", municipality: "Testkommune" });
  await addUser(db.pool, { email: "admin@test.dk", role: "admin", siteIds: [], password });
  await addUser(db.pool, {
    email: "chief@test.dk",
    role: "chief",
    siteIds: [library.siteId],
    password,
  });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Json = Record<string, unknown>;

function logIn(email: string, pw = password, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password: pw }),
  });
}

async function session(email: string): Promise<{ cookie: string; csrf: string; body: Json }> {
  const response = await logIn(email);
  expect(response.status).toBe(201);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const body = (await response.json()) as Json;
  return { cookie, csrf: String(body.csrfToken), body };
}

const get = (path: string, headers: Record<string, string>) =>
  fetch(`${server.baseUrl}${path}`, { headers });

describe("log-in with e-mail and password", () => {
  it("sets a http-only SameSite=Strict session cookie and says who is logged in", async () => {
    const response = await logIn("Chief@Test.dk ");
    expect(response.status).toBe(201);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^bp_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    // Plain http on the LAN: Secure would make the browser drop the cookie.
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = setCookie.split(";")[0] ?? "";
    const me = await get("/api/v1/session", { cookie });
    expect(me.status).toBe(200);
    expect(me.headers.get("cache-control")).toBe("no-store");
    expect(await me.json()).toMatchObject({
      email: "chief@test.dk",
      role: "chief",
      municipality: { id: horsens.municipalityId, name: "Testkommune" },
      allSites: false,
      sites: [{ id: library.siteId, name: "Biblioteket", timezone: "Europe/Copenhagen" }],
    });
  });

  it("marks the cookie Secure when the trusted proxy says the request came over https", async () => {
    // By default nobody's X-Forwarded-Proto is believed …
    const direct = await logIn("admin@test.dk", password, { "x-forwarded-proto": "https" });
    expect(direct.status).toBe(201);
    expect(direct.headers.get("set-cookie")).not.toMatch(/Secure/i);
    // … with TRUST_PROXY naming the municipal proxy (here: loopback), the proxy's is.
    const proxied = await startTestServer(db.pool, { security: { trustProxy: ["loopback"] } });
    try {
      const response = await fetch(`${proxied.baseUrl}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
        body: JSON.stringify({ email: "admin@test.dk", password }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it("lists every site for an admin", async () => {
    const { body } = await session("admin@test.dk");
    expect(body).toMatchObject({ role: "admin", allSites: true });
    expect((body.sites as Json[]).map((site) => site.name)).toEqual([
      "Biblioteket",
      "Borgerservice Horsens",
    ]);
  });

  it("answers a wrong password and an unknown e-mail alike, in the one error shape", async () => {
    for (const email of ["chief@test.dk", "nobody@test.dk"]) {
      const response = await logIn(email, "wrong password!");
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "login_failed", message: "The e-mail address or the password is wrong." },
      });
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("refuses a log-in posted as a form or from another origin (log-in CSRF)", async () => {
    const form = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=chief%40test.dk&password=${password}`,
    });
    expect(form.status).toBe(403);
    const foreign = await logIn("chief@test.dk", password, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: Json }).error.code).toBe("csrf_failed");
  });

  it("answers 401 without a session, with a forged cookie, and after logging out", async () => {
    expect((await get("/api/v1/session", {})).status).toBe(401);
    const forged = await get("/api/v1/session", { cookie: `bp_session=${"a".repeat(43)}` });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: Json }).error.code).toBe("unauthorized");
  });
});

describe("CSRF protection and log-out", () => {
  it("refuses a cookie-authenticated change without the CSRF token or from another origin", async () => {
    const { cookie, csrf } = await session("chief@test.dk");
    const without = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie },
    });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: Json }).error.code).toBe("csrf_failed");
    const wrong = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": `${csrf.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(403);
    const foreign = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": csrf, origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    // Still logged in after all three.
    expect((await get("/api/v1/session", { cookie })).status).toBe(200);
  });

  it("logs out with the token: the cookie is cleared and the session is gone", async () => {
    const { cookie, csrf } = await session("chief@test.dk");
    const me = (await (await get("/api/v1/session", { cookie })).json()) as Json;
    expect(me.csrfToken).toBe(csrf);
    const out = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": csrf, origin: server.baseUrl },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/bp_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await get("/api/v1/session", { cookie })).status).toBe(401);
    // Logging out again is harmless.
    const again = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie },
    });
    expect(again.status).toBe(204);
  });

  it("stores sessions only hashed, with an expiry, and ends them when the user is disabled", async () => {
    const { cookie } = await session("chief@test.dk");
    const secret = cookie.split("=")[1] ?? "";
    const stored = await db.pool.query<{ expired: boolean; leaked: boolean }>(
      `select expires_at < now() as expired, position($1::bytea in token_hash) > 0 as leaked
       from sessions`,
      [Buffer.from(secret)],
    );
    expect(stored.rows.length).toBeGreaterThan(0);
    expect(stored.rows.every((row) => !row.expired && !row.leaked)).toBe(true);
    await db.pool.query("update users set disabled_at = now() where email = 'chief@test.dk'");
    expect((await get("/api/v1/session", { cookie })).status).toBe(401);
    await db.pool.query("update users set disabled_at = null where email = 'chief@test.dk'");
    await db.pool.query("update sessions set expires_at = now() - interval '1 second'");
    expect((await get("/api/v1/session", { cookie })).status).toBe(401);
  });
});

describe("bearer API tokens", () => {
  it("authenticate scripts with their site grants, and stop when revoked", async () => {
    const token = await addApiToken(db.pool, { role: "analyst", siteIds: [horsens.siteId] });
    const authorization = `Bearer ${token.token}`;
    const me = await get("/api/v1/session", { authorization });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      email: null,
      role: "analyst",
      allSites: false,
      sites: [{ id: horsens.siteId }],
      csrfToken: null,
    });
    const kioskToken = `Bearer bpk_${token.tokenId.replaceAll("-", "")}_${token.token.slice(-43)}`;
    expect((await get("/api/v1/session", { authorization: kioskToken })).status).toBe(401);
    await db.pool.query("update api_tokens set revoked_at = now() where id = $1", [token.tokenId]);
    const revoked = await get("/api/v1/session", { authorization });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({
      error: { code: "unauthorized", message: "This API token has been revoked." },
    });
  });
});
