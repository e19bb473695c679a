import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newEnrolmentCode } from "../../sync-server/admin/enrolment-verbs.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

// Each log-in is a real scrypt hash (128 MiB, ~0.35 s alone, several seconds on a loaded
// machine): generous limits, so the test checks behaviour, never speed.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

type Json = Record<string, unknown>;
type Who = { cookie: string; csrf: string };

let db: TestDatabase;
let server: TestServer;
let site: { siteId: string; municipalityId: string };
let otherSite: { siteId: string; municipalityId: string };
let admin: Who;
let otherAdmin: Who;
const password = "en meget lang adgangskode";

async function logIn(email: string, pw = password): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: pw }),
  });
}

async function session(email: string, pw = password): Promise<Who> {
  const response = await logIn(email, pw);
  expect(response.status).toBe(201);
  const body = (await response.json()) as { csrfToken: string };
  return {
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: body.csrfToken,
  };
}

function call(method: string, path: string, who: Who, body?: unknown) {
  return fetch(`${server.baseUrl}/api/v1/${path}`, {
    method,
    headers: { cookie: who.cookie, "content-type": "application/json", "x-csrf-token": who.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const bearer = (token: string) =>
  fetch(`${server.baseUrl}/api/v1/session`, { headers: { authorization: `Bearer ${token}` } });

async function auditActions(who: Who, query = ""): Promise<Json[]> {
  const response = await call("GET", `admin/audit${query}`, who);
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: Json[] }).entries;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  site = await addSite(db.pool, { name: "Borgerservice", municipality: "Testkommune" });
  otherSite = await addSite(db.pool, { name: "Andet sted", municipality: "Nabokommune" });
  await addUser(db.pool, {
    email: "admin@test.dk",
    role: "admin",
    siteIds: [],
    municipality: "Testkommune",
    password,
  });
  await addUser(db.pool, {
    email: "admin@nabo.dk",
    role: "admin",
    siteIds: [],
    municipality: "Nabokommune",
    password,
  });
  admin = await session("admin@test.dk");
  otherAdmin = await session("admin@nabo.dk");
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

describe("API tokens on the admin pages", () => {
  it("are made with an optional expiry, listed with their last use, and revoked", async () => {
    const created = await call("POST", "admin/tokens", admin, {
      role: "analyst",
      siteIds: [site.siteId],
      label: "Analyse",
      expiresIn: "30d",
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as {
      tokenId: string;
      token: string;
      expiresAt: string;
    };
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    const listed = async () =>
      ((await (await call("GET", "admin/tokens", admin)).json()) as { tokens: Json[] }).tokens;
    expect((await listed()).find((t) => t.id === token.tokenId)).toMatchObject({
      label: "Analyse",
      role: "analyst",
      siteIds: [site.siteId],
      status: "active",
      lastUsedAt: null,
    });
    expect(JSON.stringify(await listed())).not.toContain(token.token.slice(-43));
    expect((await bearer(token.token)).status).toBe(200);
    const used = (await listed()).find((t) => t.id === token.tokenId);
    expect(Date.parse(String(used?.lastUsedAt))).toBeGreaterThan(Date.now() - 60_000);

    // Another municipality's admin neither sees nor revokes it.
    const theirs = (await (await call("GET", "admin/tokens", otherAdmin)).json()) as {
      tokens: Json[];
    };
    expect(theirs.tokens).toEqual([]);
    const foreign = await call("POST", `admin/tokens/${token.tokenId}/revoke`, otherAdmin);
    expect(foreign.status).toBe(404);
    expect((await bearer(token.token)).status).toBe(200);

    const revoked = await call("POST", `admin/tokens/${token.tokenId}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: token.tokenId, status: "revoked" });
    const refused = await bearer(token.token);
    expect(refused.status).toBe(401);
    const actions = (await auditActions(admin, "?action=token.")).map((e) => e.action);
    expect(actions).toEqual(["token.revoked", "token.created"]);
  });

  it("stop working when they expire, and say so", async () => {
    const created = await call("POST", "admin/tokens", admin, { role: "chief", expiresIn: "1h" });
    const token = (await created.json()) as { tokenId: string; token: string };
    expect((await bearer(token.token)).status).toBe(200);
    await db.pool.query(
      "update api_tokens set expires_at = now() - interval '1 second' where id = $1",
      [token.tokenId],
    );
    const expired = await bearer(token.token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: Json }).error.message).toMatch(/expired at/);
    const listed = (await (await call("GET", "admin/tokens", admin)).json()) as { tokens: Json[] };
    expect(listed.tokens.find((t) => t.id === token.tokenId)?.status).toBe("expired");
  });

  it("refuse a bad expiry, an admin role and another municipality's sites with a 4xx", async () => {
    for (const body of [
      { role: "chief", expiresIn: "forever" },
      { role: "chief", expiresIn: "0d" },
      { role: "admin" },
      { role: "chief", siteIds: [otherSite.siteId] },
    ]) {
      const response = await call("POST", "admin/tokens", admin, body);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});

describe("kiosk enrolment codes", () => {
  it("work once, then never again", async () => {
    const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 9" });
    const { code } = await newEnrolmentCode(db.pool, { kioskId: kiosk.kioskId, ttlMinutes: 60 });
    const enrol = () =>
      fetch(`${server.baseUrl}/api/v1/enrol`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code }),
      });
    const first = await enrol();
    expect(first.status).toBe(201);
    const { token } = (await first.json()) as { token: string };
    const me = await fetch(`${server.baseUrl}/api/v1/kiosk/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({ kioskId: kiosk.kioskId, name: "Skranke 9" });
    const second = await enrol();
    expect(second.status).toBe(401);
    expect(((await second.json()) as { error: Json }).error.code).toBe("enrolment_code_invalid");
    // The code is stored only hashed.
    const stored = await db.pool.query<{ leaked: boolean }>(
      "select position(convert_to($1, 'UTF8') in code_hash) > 0 as leaked from kiosk_enrolments",
      [code.slice(-43)],
    );
    expect(stored.rows.every((row) => !row.leaked)).toBe(true);
  });

  it("die after their time, and are refused for a revoked kiosk or as nonsense", async () => {
    const kiosk = await addKiosk(db.pool, { siteId: site.siteId });
    const enrol = async (code: string) => {
      const response = await fetch(`${server.baseUrl}/api/v1/enrol`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code }),
      });
      return { status: response.status, body: (await response.json()) as { error?: Json } };
    };
    const refused = { status: 401, body: { error: { code: "enrolment_code_invalid" } } };
    const stale = await newEnrolmentCode(db.pool, { kioskId: kiosk.kioskId, ttlMinutes: 60 });
    await db.pool.query(
      "update kiosk_enrolments set expires_at = now() - interval '1 second' where kiosk_id = $1",
      [kiosk.kioskId],
    );
    // The kiosk is live and the code unused: only its age can refuse it.
    const expired = await enrol(stale.code);
    expect(expired).toMatchObject(refused);
    expect(expired.body.error?.message).toMatch(/expired/);
    // A fresh code for the same kiosk works, so the refusal above was the expiry.
    const fresh = await newEnrolmentCode(db.pool, { kioskId: kiosk.kioskId, ttlMinutes: 60 });
    expect((await enrol(fresh.code)).status).toBe(201);
    const afterRevoke = await newEnrolmentCode(db.pool, { kioskId: kiosk.kioskId, ttlMinutes: 60 });
    expect((await call("POST", `admin/kiosks/${kiosk.kioskId}/revoke`, admin)).ok).toBe(true);
    for (const code of [afterRevoke.code, "bpe_nonsense", kiosk.token]) {
      expect(await enrol(code), code).toMatchObject(refused);
    }
  });

  it("can be issued again for an existing kiosk, by its own municipality only", async () => {
    const kiosk = await addKiosk(db.pool, { siteId: site.siteId });
    const issued = await call("POST", `admin/kiosks/${kiosk.kioskId}/enrolment`, admin);
    expect(issued.status).toBe(201);
    expect(((await issued.json()) as Json).enrollPath).toMatch(/^\/kiosk\/\?enroll=bpe_/);
    const foreign = await call("POST", `admin/kiosks/${kiosk.kioskId}/enrolment`, otherAdmin);
    expect(foreign.status).toBe(404);
  });
});

describe("users of another municipality", () => {
  it("are not revealed by a duplicate e-mail, and cannot be reserved", async () => {
    // Nabokommune has admin@nabo.dk; Testkommune's admin invites the same address.
    const invited = await call("POST", "admin/users", admin, {
      email: "admin@nabo.dk",
      role: "chief",
    });
    expect(invited.status).toBe(201);
    const invite = (await invited.json()) as { password: string };
    // Each account opens with its own password: Nabokommune's admin is not locked out …
    const theirs = await logIn("admin@nabo.dk", password);
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as { role: string }).role).toBe("admin");
    // … and the new one in Testkommune works too.
    const ours = await logIn("admin@nabo.dk", invite.password);
    expect(ours.status).toBe(201);
    expect(await ours.json()).toMatchObject({
      role: "chief",
      municipality: { name: "Testkommune" },
    });
    // Within one municipality an e-mail is still unique.
    const again = await call("POST", "admin/users", admin, {
      email: "admin@nabo.dk",
      role: "chief",
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: Json }).error.message).not.toMatch(/Nabokommune/);
  });
});

describe("admin password reset", () => {
  it("gives a new one-time password and ends the user's sessions", async () => {
    const invited = await call("POST", "admin/users", admin, {
      email: "glemsom@test.dk",
      role: "analyst",
    });
    const user = (await invited.json()) as { userId: string; password: string };
    const theirs = await session("glemsom@test.dk", user.password);
    const reset = await call("POST", `admin/users/${user.userId}/password`, admin);
    expect(reset.status).toBe(200);
    expect(reset.headers.get("cache-control")).toBe("no-store");
    const { password: fresh } = (await reset.json()) as { password: string };
    expect(fresh).not.toBe(user.password);
    expect((await call("GET", "session", theirs)).status).toBe(401);
    expect((await logIn("glemsom@test.dk", user.password)).status).toBe(401);
    expect((await logIn("glemsom@test.dk", fresh)).status).toBe(201);
    const foreign = await call("POST", `admin/users/${user.userId}/password`, otherAdmin);
    expect(foreign.status).toBe(404);
  });
});

describe("the audit log", () => {
  it("records log-ins and failures, admin changes, token and kiosk changes, per municipality", async () => {
    expect((await logIn("admin@test.dk", "wrong password")).status).toBe(401);
    await call("POST", "admin/sites", admin, { name: "Biblioteket" });
    const kiosk = (await (
      await call("POST", "admin/kiosks", admin, { siteId: site.siteId })
    ).json()) as { kioskId: string };
    const entries = await auditActions(admin);
    const actions = entries.map((entry) => entry.action);
    for (const action of [
      "login.succeeded",
      "login.failed",
      "site.created",
      "kiosk.created",
      "kiosk.revoked",
      "kiosk.enrolled",
      "token.created",
      "token.revoked",
      "user.created",
      "password.reset",
    ]) {
      expect(actions, action).toContain(action);
    }
    const failed = entries.find((entry) => entry.action === "login.failed");
    expect(failed).toMatchObject({ actorKind: "anonymous", actorLabel: "admin@test.dk" });
    expect(
      entries.find((e) => e.action === "kiosk.created" && e.targetId === kiosk.kioskId),
    ).toMatchObject({ actorKind: "user", actorLabel: "admin@test.dk" });
    // Nabokommune's log has its own log-ins and nothing of Testkommune's.
    const theirs = await auditActions(otherAdmin);
    expect(theirs.some((e) => e.action === "login.succeeded")).toBe(true);
    expect(theirs.some((e) => e.action === "site.created" || e.action === "kiosk.created")).toBe(
      false,
    );
  });

  it("pages and filters, is for admins only, and refuses bad queries with 400", async () => {
    const page = (await (await call("GET", "admin/audit?limit=2", admin)).json()) as {
      entries: Array<{ at: string }>;
      nextBefore: string | null;
    };
    expect(page.entries).toHaveLength(2);
    expect(page.nextBefore).not.toBeNull();
    const next = await auditActions(
      admin,
      `?limit=2&before=${encodeURIComponent(page.nextBefore ?? "")}`,
    );
    expect(next.length).toBeGreaterThan(0);
    for (const query of [
      "?limit=0",
      "?limit=x",
      "?before=yesterday",
      "?action=DROP TABLE",
      "?x=1",
    ]) {
      expect((await call("GET", `admin/audit${query}`, admin)).status, query).toBe(400);
    }
    await addUser(db.pool, {
      email: "chief@test.dk",
      role: "chief",
      siteIds: [],
      municipality: "Testkommune",
      password,
    });
    const chief = await session("chief@test.dk");
    expect((await call("GET", "admin/audit", chief)).status).toBe(403);
  });
});
