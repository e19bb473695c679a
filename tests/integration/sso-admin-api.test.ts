import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SsoAdminView } from "../../shared/sso-contract.ts";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { grantFromGroups } from "../../sync-server/sso/grant-from-groups.ts";
import { logIn, type Session } from "../helpers/admin-session.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let admin: Session;
let chief: Session;
let siteId = "";
let otherMunicipalitySite = "";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Adminkommune" });
  siteId = site.siteId;
  otherMunicipalitySite = (
    await addSite(db.pool, { name: "Andetsteds", municipality: "Nabokommune" })
  ).siteId;
  const password = "a-long-enough-password";
  await addUser(db.pool, {
    email: "it@admin.dk",
    role: "admin",
    siteIds: [],
    municipality: "Adminkommune",
    password,
  });
  await addUser(db.pool, { email: "chef@admin.dk", role: "chief", siteIds: [siteId], password });
  admin = await logIn(server.baseUrl, "it@admin.dk", password);
  chief = await logIn(server.baseUrl, "chef@admin.dk", password);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

function call(session: Session, method: string, path: string, body?: unknown) {
  return fetch(`${server.baseUrl}/api/v1/admin/sso${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const oidc = {
  displayName: "Adminkommune",
  issuer: "https://login.microsoftonline.com/tenant/v2.0",
  clientId: "app-id",
  clientSecret: "the-secret",
};

describe("/api/v1/admin/sso", () => {
  it("is for admins only", async () => {
    expect((await call(chief, "GET", "")).status).toBe(403);
    expect((await call(chief, "PUT", "/oidc", oidc)).status).toBe(403);
  });

  it("sets the provider without ever sending the secret back, and audits the change", async () => {
    const response = await call(admin, "PUT", "/oidc", oidc);
    expect(response.status).toBe(200);
    const view = (await response.json()) as SsoAdminView;
    expect(JSON.stringify(view)).not.toContain("the-secret");
    expect(view.providers).toEqual([
      expect.objectContaining({
        kind: "oidc",
        issuer: oidc.issuer,
        hasClientSecret: true,
        enabled: true,
      }),
    ]);
    expect(view.redirectUri).toBe(`${server.baseUrl}/api/v1/sso/oidc/callback`);
    // Saving again without a secret keeps the stored one.
    const kept = (await (
      await call(admin, "PUT", "/oidc", { ...oidc, clientSecret: "" })
    ).json()) as SsoAdminView;
    expect(kept.providers[0]?.hasClientSecret).toBe(true);
    const audit = await db.pool.query(
      "select count(*)::int as n from audit_log where action = 'sso.provider_set'",
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it("refuses a mapping to another municipality's site, and removes one by id", async () => {
    const foreign = await call(admin, "POST", "/mappings", {
      group: "G",
      role: "chief",
      siteIds: [otherMunicipalitySite],
    });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("unknown_site");
    const added = (await (
      await call(admin, "POST", "/mappings", { group: "G", role: "chief", siteIds: [siteId] })
    ).json()) as SsoAdminView;
    const mapping = added.mappings.find((m) => m.group === "G");
    expect(mapping?.siteIds).toEqual([siteId]);
    const removed = (await (
      await call(admin, "DELETE", `/mappings/${mapping?.id}`)
    ).json()) as SsoAdminView;
    expect(removed.mappings).toEqual([]);
    expect((await call(admin, "DELETE", `/mappings/${mapping?.id}`)).status).toBe(404);
  });

  it("refuses to turn password log-in off before a rule exists", async () => {
    const response = await call(admin, "PUT", "/password-login", { forAll: false });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "invalid_sso_settings",
    );
  });

  it("answers fuzzed bodies with a 4xx or success, never a 500 (seeded)", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ minLength: 1000, maxLength: 3000 }),
      fc.constantFrom("", " ", "http://x", "https://a.b", "openid", "\u0000"),
    );
    const body = fc.oneof(
      fc.record(
        {
          displayName: text,
          issuer: text,
          clientId: text,
          clientSecret: text,
          scopes: text,
          groupsClaim: text,
          enabled: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          group: text,
          role: fc.oneof(text, fc.constantFrom("chief", "analyst", "admin")),
          siteIds: fc.array(fc.oneof(text, fc.constant(siteId)), { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      fc.record({ forAll: fc.oneof(fc.boolean(), text) }),
      fc.jsonValue(),
    );
    const target = fc.constantFrom(
      ["PUT", "/oidc"],
      ["POST", "/mappings"],
      ["PUT", "/password-login"],
      ["DELETE", "/mappings/not-an-id"],
    );
    await fc.assert(
      fc.asyncProperty(
        target,
        body,
        fc.boolean(),
        async ([method = "PUT", path = ""], value, raw) => {
          const response = await call(
            admin,
            method,
            path,
            raw ? `${JSON.stringify(value)}}` : value,
          );
          await response.arrayBuffer();
          expect(response.status, `${method} ${path} ${JSON.stringify(value)}`).toBeLessThan(500);
        },
      ),
      { seed: 1717, numRuns: 300 },
    );
  });
});

describe("grantFromGroups", () => {
  const rules = [
    { id: "1", group: "A", role: "analyst" as const, siteIds: [] },
    { id: "2", group: "C1", role: "chief" as const, siteIds: ["s1"] },
    { id: "3", group: "C2", role: "chief" as const, siteIds: ["s2", "s1"] },
    { id: "4", group: "IT", role: "admin" as const, siteIds: [] },
  ];
  it("takes the strongest role and the union of its rules' sites", () => {
    expect(grantFromGroups(rules, ["A", "C1", "C2"])).toEqual({
      role: "chief",
      siteIds: ["s1", "s2"],
    });
    expect(grantFromGroups(rules, ["A"])).toEqual({ role: "analyst", siteIds: null });
    expect(grantFromGroups(rules, ["C1", "IT"])).toEqual({ role: "admin", siteIds: null });
    expect(grantFromGroups(rules, ["c1", "other"])).toBeUndefined();
  });
});
