import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseToken, secretMatches, verifyPassword } from "../../sync-server/secrets.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { runScript } from "../helpers/run-script.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function admin(args: string[], stdin?: string) {
  const result = await runScript("sync-server/bin/admin.ts", args, {
    env: { DATABASE_URL: db.url },
    ...(stdin === undefined ? {} : { stdin }),
  });
  return result;
}

/** --json means exactly one JSON object on stdout, nothing else. */
async function adminJson(args: string[], stdin?: string): Promise<Record<string, string>> {
  const result = await admin([...args, "--json"], stdin);
  expect(result.stderr, result.stderr).not.toMatch(/Error/);
  expect(result.code).toBe(0);
  expect(result.stdout.trim().split("\n")).toHaveLength(1);
  return JSON.parse(result.stdout) as Record<string, string>;
}

describe("admin CLI", () => {
  let siteId = "";
  let otherSiteId = "";

  it("site add creates the municipality on first use and returns the site id", async () => {
    const out = await adminJson([
      "site",
      "add",
      "--name",
      "Borgerservice Horsens",
      "--municipality",
      "Horsens Kommune",
    ]);
    expect(out.siteId).toMatch(/^[0-9a-f-]{36}$/);
    siteId = out.siteId ?? "";
    const row = await db.pool.query(
      "select s.name, s.timezone, m.name as municipality from sites s join municipalities m on m.id = s.municipality_id where s.id = $1",
      [siteId],
    );
    expect(row.rows[0]).toEqual({
      name: "Borgerservice Horsens",
      timezone: "Europe/Copenhagen",
      municipality: "Horsens Kommune",
    });
  });

  it("site add without --municipality uses the only one, and takes a time zone", async () => {
    const out = await adminJson([
      "site",
      "add",
      "--name",
      "Biblioteket",
      "--timezone",
      "Europe/Berlin",
    ]);
    otherSiteId = out.siteId ?? "";
    const row = await db.pool.query("select timezone from sites where id = $1", [otherSiteId]);
    expect(row.rows[0]?.timezone).toBe("Europe/Berlin");
  });

  it("site add refuses an unknown time zone and a duplicate name, clearly and on stderr", async () => {
    const badZone = await admin([
      "site",
      "add",
      "--name",
      "X",
      "--timezone",
      "Europe/Atlantis",
      "--json",
    ]);
    expect(badZone.code).not.toBe(0);
    expect(badZone.stdout).toBe("");
    expect(badZone.stderr).toMatch(/Europe\/Atlantis.*not a known IANA time zone/);
    const duplicate = await admin(["site", "add", "--name", "Borgerservice Horsens", "--json"]);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/already has a site named "Borgerservice Horsens"/);
  });

  it("kiosk add returns a token shown once and stores only its hash; revoke marks it", async () => {
    const out = await adminJson(["kiosk", "add", "--site", siteId, "--name", "Skranke 1"]);
    const parsed = parseToken(out.token ?? "");
    expect(parsed?.kind).toBe("bpk");
    expect(parsed?.id).toBe(out.kioskId);
    const row = await db.pool.query(
      "select name, token_hash, revoked_at from kiosks where id = $1",
      [out.kioskId],
    );
    expect(row.rows[0]?.name).toBe("Skranke 1");
    expect(secretMatches(parsed?.secret ?? "", row.rows[0]?.token_hash)).toBe(true);
    const stored = JSON.stringify(await db.pool.query("select * from kiosks")).includes(
      parsed?.secret ?? "-",
    );
    expect(stored).toBe(false);

    const revoked = await adminJson(["kiosk", "revoke", out.kioskId ?? ""]);
    expect(revoked.kioskId).toBe(out.kioskId);
    const after = await db.pool.query("select revoked_at from kiosks where id = $1", [out.kioskId]);
    expect(after.rows[0]?.revoked_at).toBeInstanceOf(Date);
  });

  it("kiosk add names kiosks by default and refuses an unknown site", async () => {
    const out = await adminJson(["kiosk", "add", "--site", otherSiteId]);
    const row = await db.pool.query("select name from kiosks where id = $1", [out.kioskId]);
    expect(row.rows[0]?.name).toBe("Kiosk 1");
    const unknown = await admin([
      "kiosk",
      "add",
      "--site",
      "01a20000-0000-7000-8000-000000000000",
      "--json",
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/No site has the id 01a20000-0000-7000-8000-000000000000/);
    const revokeUnknown = await admin(["kiosk", "revoke", "not-an-id"]);
    expect(revokeUnknown.code).not.toBe(0);
    expect(revokeUnknown.stderr).toMatch(/No kiosk has the id not-an-id/);
  });

  it("user add takes the password from stdin and stores an scrypt hash", async () => {
    const out = await adminJson(
      ["user", "add", "--email", "Chef@Horsens.dk", "--role", "chief", "--site", siteId],
      "korrekt hest batteri\n",
    );
    expect(out).toMatchObject({ email: "chef@horsens.dk", role: "chief" });
    expect(out.password).toBeUndefined();
    const row = await db.pool.query("select password_hash from users where id = $1", [out.userId]);
    expect(row.rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("korrekt hest batteri", row.rows[0]?.password_hash)).toBe(true);
    const grants = await db.pool.query("select site_id from user_sites where user_id = $1", [
      out.userId,
    ]);
    expect(grants.rows).toEqual([{ site_id: siteId }]);
  });

  it("user add generates and prints a password when none is piped in", async () => {
    const out = await adminJson([
      "user",
      "add",
      "--email",
      "analytiker@horsens.dk",
      "--role",
      "analyst",
    ]);
    expect(out.password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    const row = await db.pool.query("select password_hash from users where id = $1", [out.userId]);
    expect(await verifyPassword(out.password ?? "", row.rows[0]?.password_hash)).toBe(true);
  });

  it("user add refuses a duplicate e-mail, a bad role and an unknown site", async () => {
    const duplicate = await admin([
      "user",
      "add",
      "--email",
      "chef@horsens.dk",
      "--role",
      "chief",
      "--json",
    ]);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stdout).toBe("");
    expect(duplicate.stderr).toMatch(/already has a user with the e-mail/);
    const role = await admin(["user", "add", "--email", "x@y.dk", "--role", "boss"]);
    expect(role.stderr).toMatch(/Role must be admin, chief or analyst/);
    const site = await admin([
      "user",
      "add",
      "--email",
      "x@y.dk",
      "--role",
      "chief",
      "--site",
      "01a20000-0000-7000-8000-000000000001",
    ]);
    expect(site.stderr).toMatch(/No site has the id/);
    expect(site.code).not.toBe(0);
  });

  it("token add returns a bearer token stored hashed, with its sites", async () => {
    const out = await adminJson([
      "token",
      "add",
      "--role",
      "analyst",
      "--site",
      siteId,
      "--site",
      otherSiteId,
    ]);
    const parsed = parseToken(out.token ?? "");
    expect(parsed?.kind).toBe("bpt");
    const row = await db.pool.query("select role, token_hash from api_tokens where id = $1", [
      parsed?.id,
    ]);
    expect(row.rows[0]?.role).toBe("analyst");
    expect(secretMatches(parsed?.secret ?? "", row.rows[0]?.token_hash)).toBe(true);
    const sites = await db.pool.query(
      "select site_id from api_token_sites where token_id = $1 order by site_id",
      [parsed?.id],
    );
    expect(sites.rows.map((r) => r.site_id).sort()).toEqual([siteId, otherSiteId].sort());
  });

  it("token add --expires-in sets an expiry; token list shows it without the secret; token revoke ends it", async () => {
    const before = Date.now();
    const out = await adminJson([
      "token",
      "add",
      "--role",
      "chief",
      "--label",
      "Power BI",
      "--expires-in",
      "90d",
    ]);
    const expiresAt = Date.parse(out.expiresAt ?? "");
    const ninetyDays = 90 * 24 * 60 * 60 * 1000;
    expect(expiresAt - before).toBeGreaterThanOrEqual(ninetyDays - 1000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(ninetyDays);
    const list = (await adminJson(["token", "list"])) as unknown as {
      tokens: Array<Record<string, unknown>>;
    };
    const listed = list.tokens.find((token) => token.id === out.tokenId);
    expect(listed).toMatchObject({
      label: "Power BI",
      role: "chief",
      status: "active",
      expiresAt: out.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(out.token?.slice(-43));
    const revoked = await adminJson(["token", "revoke", out.tokenId ?? ""]);
    expect(revoked).toMatchObject({ tokenId: out.tokenId, status: "revoked" });
    const row = await db.pool.query("select revoked_at from api_tokens where id = $1", [
      out.tokenId,
    ]);
    expect(row.rows[0]?.revoked_at).toBeInstanceOf(Date);
    const audit = await db.pool.query<{ action: string; actor_kind: string }>(
      "select action, actor_kind from audit_log where target_id = $1 order by at",
      [out.tokenId],
    );
    expect(audit.rows).toEqual([
      { action: "token.created", actor_kind: "cli" },
      { action: "token.revoked", actor_kind: "cli" },
    ]);
    const text = await admin(["token", "list"]);
    expect(text.stdout).toMatch(new RegExp(`${out.tokenId}\\s+revoked\\s+chief\\s+Power BI`));
  });

  it("token refuses a bad expiry and an unknown id, clearly", async () => {
    const bad = await admin(["token", "add", "--role", "chief", "--expires-in", "soon"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/"soon" is not an expiry such as 90d/);
    const unknown = await admin(["token", "revoke", "01a20000-0000-7000-8000-000000000001"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No API token has the id/);
  });

  it("prints readable text without --json and usage for unknown verbs", async () => {
    const text = await admin(["token", "add", "--role", "chief"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/token add: done[\s\S]*token: bpt_[\s\S]*shown only this once/);
    const unknown = await admin(["site", "explode"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown verb "site explode"[\s\S]*Usage/);
  });
});
