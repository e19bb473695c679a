import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addApiToken, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { listAuditEntries } from "../../sync-server/queries/audit-log.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
const password = "en meget lang adgangskode";
type Who = { cookie?: string; csrf?: string; bearer?: string };
let admin: Who;
let chief: Who;
let analyst: Who;
let token: Who;
let own: { siteId: string; municipalityId: string };
let other: { siteId: string };
let foreign: { siteId: string };

async function logIn(email: string): Promise<Who> {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0], csrf: body.csrfToken };
}

async function call(method: string, path: string, who: Who, body?: unknown) {
  const response = await fetch(`${server.baseUrl}/api/v1/dashboard/notifications/${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(who.cookie ? { cookie: who.cookie, "x-csrf-token": who.csrf ?? "" } : {}),
      ...(who.bearer ? { authorization: `Bearer ${who.bearer}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const rule = (siteId: string, extra: Record<string, unknown> = {}) => ({
  siteId,
  kind: "kiosk_silent",
  enabled: true,
  threshold: 2,
  emails: ["vagt@test.dk"],
  webhookUrl: null,
  language: "da",
  ...extra,
});
const codeOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { code?: string } | undefined)?.code;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  own = await addSite(db.pool, { name: "Borgerservice", municipality: "Testkommune" });
  other = await addSite(db.pool, { name: "Jobcentret", municipality: "Testkommune" });
  foreign = await addSite(db.pool, { name: "Andet sted", municipality: "Nabokommune" });
  for (const [email, role, siteIds] of [
    ["admin@test.dk", "admin", []],
    ["chef@test.dk", "chief", [own.siteId]],
    ["analytiker@test.dk", "analyst", []],
  ] as const) {
    await addUser(db.pool, { email, role, siteIds, municipality: "Testkommune", password });
  }
  admin = await logIn("admin@test.dk");
  chief = await logIn("chef@test.dk");
  analyst = await logIn("analytiker@test.dk");
  const made = await addApiToken(db.pool, {
    role: "chief",
    siteIds: [],
    municipality: "Testkommune",
  });
  token = { bearer: made.token };
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe("/api/v1/dashboard/notifications", () => {
  it("subscribes and unsubscribes one's own digest, audited; admins list subscribers", async () => {
    expect((await call("GET", "subscription", chief)).body).toEqual({ subscription: null });
    const put = await call("PUT", "subscription", chief, { frequency: "daily", language: "en" });
    expect(put.body).toEqual({ subscription: { frequency: "daily", language: "en" } });
    const listed = await call("GET", "subscribers", admin);
    expect(listed.body.subscribers).toEqual([
      { email: "chef@test.dk", role: "chief", frequency: "daily", language: "en" },
    ]);
    expect((await call("GET", "subscribers", chief)).status).toBe(403);
    await call("PUT", "subscription", chief, { frequency: null, language: "da" });
    expect((await call("GET", "subscribers", admin)).body.subscribers).toEqual([]);
    const audit = await listAuditEntries(db.pool, {
      municipalityId: own.municipalityId,
      actionPrefix: "digest.",
      limit: 50,
    });
    const actions = audit.map((entry) => entry.action);
    expect(actions).toContain("digest.subscribed");
    expect(actions).toContain("digest.unsubscribed");
  });

  it("answers bad input and foreign sites with catalogue 4xx codes, never 500", async () => {
    const bad = [
      [
        await call("PUT", "subscription", chief, { frequency: "hourly", language: "da" }),
        400,
        "invalid_request",
      ],
      [
        await call("PUT", "subscription", chief, { frequency: "daily", language: "da", x: 1 }),
        400,
        "invalid_request",
      ],
      [await call("GET", "subscription", token), 403, "forbidden"],
      [await call("PUT", "rules", analyst, rule(own.siteId)), 403, "forbidden"],
      [await call("PUT", "rules", chief, rule(other.siteId)), 403, "forbidden"],
      [await call("PUT", "rules", admin, rule(foreign.siteId)), 404, "unknown_site"],
      [
        await call("PUT", "rules", admin, rule(own.siteId, { threshold: 500 })),
        400,
        "invalid_request",
      ],
      [
        await call("PUT", "rules", admin, rule(own.siteId, { kind: "__proto__" })),
        400,
        "invalid_request",
      ],
      [
        await call("PUT", "rules", admin, rule(own.siteId, { emails: ["not-an-address"] })),
        400,
        "invalid_request",
      ],
      [
        await call("PUT", "rules", admin, rule(own.siteId, { webhookUrl: "ftp://x" })),
        400,
        "invalid_request",
      ],
    ] as const;
    for (const [reply, status, code] of bad) {
      expect(reply.status).toBe(status);
      expect(codeOf(reply)).toBe(code);
    }
  });

  it("lets a chief set a rule for their own site and see only their sites' rules and alerts", async () => {
    const set = await call("PUT", "rules", chief, rule(own.siteId, { threshold: 3 }));
    expect(set.status).toBe(200);
    await call("PUT", "rules", admin, rule(other.siteId, { kind: "spc_signal", threshold: 40 }));
    const mine = await call("GET", "rules", chief);
    expect(mine.body.rules).toEqual([
      expect.objectContaining({ siteId: own.siteId, kind: "kiosk_silent", threshold: 3 }),
    ]);
    const all = (await call("GET", "rules", admin)).body.rules as {
      kind: string;
      threshold: number;
    }[];
    expect(all.map((r) => [r.kind, r.threshold]).sort()).toEqual([
      ["kiosk_silent", 3],
      ["spc_signal", 40],
    ]);
    expect((await call("GET", "alerts", analyst)).body).toEqual({ alerts: [] });
  });
});
