import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFingerprintKeys } from "../../sync-server/fingerprint-keys.ts";
import { findSsoProvider } from "../../sync-server/queries/sso-providers.ts";
import { openSecret } from "../../sync-server/sso/sealed-secret.ts";
import { signInFromIdentity } from "../../sync-server/sso/sign-in-from-identity.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addUser, twoSiteFixture } from "../helpers/fixtures.ts";
import { runScript } from "../helpers/run-script.ts";

let db: TestDatabase;
let fixture: Awaited<ReturnType<typeof twoSiteFixture>>;
let keyFile = "";
let providerId = "";

async function admin(args: string[], stdin?: string) {
  const result = await runScript("sync-server/bin/admin.ts", [...args, "--json"], {
    env: { DATABASE_URL: db.url, FINGERPRINT_KEYS_FILE: keyFile },
    ...(stdin === undefined ? {} : { stdin }),
  });
  return { ...result, json: () => JSON.parse(result.stdout) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixture = await twoSiteFixture(db.pool);
  keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bp-sso-")), "fingerprint-keys");
});
afterAll(async () => {
  await db.drop();
});

async function auditActions(): Promise<{ action: string; details: Record<string, unknown> }[]> {
  const rows = await db.pool.query<{ action: string; details: Record<string, unknown> }>(
    "select action, details from audit_log where action like 'sso.%' order by at, id",
  );
  return rows.rows;
}

const identity = (subject: string, groups: string[], email = `${subject}@horsens.dk`) => ({
  providerId,
  municipalityId: fixture.municipalityId,
  subject,
  email,
  name: subject,
  groups,
});

describe("SSO core: admin verbs", () => {
  it("sso oidc stores the provider with its secret sealed, read from stdin", async () => {
    const out = await admin(
      ["sso", "oidc", "--issuer", "https://login.example.dk/tenant/v2.0/", "--client-id", "bp"],
      "s3cret-from-stdin\n",
    );
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    providerId = String(out.json().providerId);
    const stored = await findSsoProvider(db.pool, providerId);
    expect(stored?.issuer).toBe("https://login.example.dk/tenant/v2.0");
    expect(stored?.displayName).toBe("Testkommune");
    expect(stored?.clientSecretSealed).not.toContain("s3cret");
    const keys = await loadFingerprintKeys(db.pool, keyFile);
    expect(openSecret(keys, stored?.clientSecretSealed ?? "")).toBe("s3cret-from-stdin");
  });

  it("refuses an http issuer off loopback and a first provider without a secret", async () => {
    const plain = await admin([
      "sso",
      "oidc",
      "--issuer",
      "http://idp.example.dk",
      "--client-id",
      "x",
    ]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/https/);
  });

  it("sso map sets rules; password-login off needs them; sso list shows no secret", async () => {
    const chief = await admin([
      "sso",
      "map",
      "--group",
      "BP-Chefer",
      "--role",
      "chief",
      "--site",
      fixture.siteA.siteId,
    ]);
    expect(chief.code, chief.stderr).toBe(0);
    const analyst = await admin(["sso", "map", "--group", "BP-Analytikere", "--role", "analyst"]);
    expect(analyst.code, analyst.stderr).toBe(0);
    const off = await admin(["sso", "password-login", "off"]);
    expect(off.json()).toMatchObject({ passwordLoginForAll: false });
    const list = await admin(["sso", "list"]);
    expect(list.stdout).not.toContain("sealed");
    const [settings] = list.json().municipalities as {
      providers: { hasClientSecret: boolean }[];
      mappings: { group: string; role: string; siteIds: string[] }[];
    }[];
    expect(settings?.providers[0]?.hasClientSecret).toBe(true);
    expect(settings?.mappings).toEqual([
      expect.objectContaining({ group: "BP-Analytikere", role: "analyst", siteIds: [] }),
      expect.objectContaining({
        group: "BP-Chefer",
        role: "chief",
        siteIds: [fixture.siteA.siteId],
      }),
    ]);
    const audited = await db.pool.query(
      "select action from audit_log where actor_kind = 'cli' and action like 'sso.%'",
    );
    expect(audited.rows.map((row) => row.action).sort()).toEqual([
      "sso.mapping_set",
      "sso.mapping_set",
      "sso.password_login_set",
      "sso.provider_set",
    ]);
  });
});

describe("SSO core: signInFromIdentity", () => {
  it("creates the user just in time with the mapped role and sites", async () => {
    const result = await signInFromIdentity(db.pool, identity("anna", ["Alle", "BP-Chefer"]));
    expect(result).toMatchObject({
      ok: true,
      role: "chief",
      siteIds: [fixture.siteA.siteId],
      created: true,
    });
    const again = await signInFromIdentity(db.pool, identity("anna", ["BP-Chefer"]));
    expect(again).toMatchObject({
      ok: true,
      created: false,
      userId: result.ok ? result.userId : "",
    });
  });

  it("recomputes the role from the groups on every log-in", async () => {
    const lower = await signInFromIdentity(db.pool, identity("anna", ["BP-Analytikere"]));
    expect(lower).toMatchObject({ ok: true, role: "analyst", siteIds: null });
    const grants = await db.pool.query(
      "select count(*)::int as n from user_sites us join users u on u.id = us.user_id where u.email = 'anna@horsens.dk'",
    );
    expect(grants.rows[0].n).toBe(0);
  });

  it("refuses someone removed from every mapped group, and ends their sessions", async () => {
    const user = await db.pool.query<{ id: string }>(
      "select id from users where email = 'anna@horsens.dk'",
    );
    const userId = user.rows[0]?.id;
    await db.pool.query(
      `insert into sessions (municipality_id, id, user_id, token_hash, expires_at, absolute_expires_at)
       values ($1, gen_random_uuid(), $2, sha256('x'), now() + interval '1 hour', now() + interval '1 day')`,
      [fixture.municipalityId, userId],
    );
    const refused = await signInFromIdentity(db.pool, identity("anna", ["Alle"]));
    expect(refused).toEqual({ ok: false, reason: "unknown_group", userId });
    const sessions = await db.pool.query(
      "select count(*)::int as n from sessions where user_id = $1",
      [userId],
    );
    expect(sessions.rows[0].n).toBe(0);
  });

  it("refuses a disabled user, and creates nobody for unmapped groups", async () => {
    await db.pool.query("update users set disabled_at = now() where email = 'anna@horsens.dk'");
    expect(await signInFromIdentity(db.pool, identity("anna", ["BP-Chefer"]))).toMatchObject({
      ok: false,
      reason: "disabled",
    });
    expect(await signInFromIdentity(db.pool, identity("bo", ["Alle"]))).toMatchObject({
      ok: false,
      reason: "unknown_group",
      userId: null,
    });
    const bo = await db.pool.query("select 1 from users where email = 'bo@horsens.dk'");
    expect(bo.rowCount).toBe(0);
  });

  it("adopts a local chief's account by e-mail but never an admin's", async () => {
    const local = await addUser(db.pool, { email: "carl@horsens.dk", role: "chief", siteIds: [] });
    const adopted = await signInFromIdentity(
      db.pool,
      identity("carl-sub", ["BP-Analytikere"], "Carl@Horsens.dk"),
    );
    expect(adopted).toMatchObject({
      ok: true,
      userId: local.userId,
      role: "analyst",
      created: false,
    });
    await addUser(db.pool, { email: "root@horsens.dk", role: "admin", siteIds: [] });
    const takeover = await signInFromIdentity(
      db.pool,
      identity("evil", ["BP-Chefer"], "root@horsens.dk"),
    );
    expect(takeover).toMatchObject({ ok: false, reason: "email_in_use" });
  });

  it("refuses a first log-in without an e-mail address", async () => {
    expect(
      await signInFromIdentity(db.pool, identity("dora", ["BP-Chefer"], "not an address")),
    ).toMatchObject({
      ok: false,
      reason: "no_email",
    });
  });

  it("makes one user of simultaneous first log-ins of one person, and no error", async () => {
    const all = await Promise.all(
      Array.from({ length: 4 }, () => signInFromIdentity(db.pool, identity("erik", ["BP-Chefer"]))),
    );
    // A log-in that lost the race is refused (the person tries again); none throws.
    for (const result of all) {
      expect(result.ok || result.reason === "email_in_use").toBe(true);
    }
    expect(all.some((result) => result.ok)).toBe(true);
    const rows = await db.pool.query(
      `select (select count(*)::int from users where email = 'erik@horsens.dk') as users,
              (select count(*)::int from sso_identities where subject = 'erik') as identities`,
    );
    expect(rows.rows[0]).toEqual({ users: 1, identities: 1 });
  });

  it("writes an audit entry for each success and each refusal", async () => {
    const entries = await auditActions();
    const logins = entries.filter(
      (entry) => entry.action.startsWith("sso.login_") && entry.details.subject !== "erik",
    );
    expect(
      logins.map((entry) => [entry.action, entry.details.reason ?? entry.details.role]),
    ).toEqual([
      ["sso.login_succeeded", "chief"],
      ["sso.login_succeeded", "chief"],
      ["sso.login_succeeded", "analyst"],
      ["sso.login_refused", "unknown_group"],
      ["sso.login_refused", "disabled"],
      ["sso.login_refused", "unknown_group"],
      ["sso.login_succeeded", "analyst"],
      ["sso.login_refused", "email_in_use"],
      ["sso.login_refused", "no_email"],
    ]);
  });
});

describe("SSO core: password log-in off", () => {
  it("refuses a chief's password but lets an admin in (break-glass)", async () => {
    const { startTestServer } = await import("../helpers/test-server.ts");
    const server = await startTestServer(db.pool);
    try {
      const password = "a-long-enough-password";
      await addUser(db.pool, { email: "chief@horsens.dk", role: "chief", siteIds: [], password });
      await addUser(db.pool, { email: "it@horsens.dk", role: "admin", siteIds: [], password });
      const logIn = (email: string) =>
        fetch(`${server.baseUrl}/api/v1/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
      const chief = await logIn("chief@horsens.dk");
      expect(chief.status).toBe(403);
      expect(((await chief.json()) as { error: { code: string } }).error.code).toBe(
        "password_login_off",
      );
      expect((await logIn("it@horsens.dk")).status).toBe(201);
    } finally {
      await server.close();
    }
  });
});
