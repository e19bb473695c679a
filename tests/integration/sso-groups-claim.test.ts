import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSite } from "../../sync-server/admin/verbs.ts";
import { loadFingerprintKeys } from "../../sync-server/fingerprint-keys.ts";
import { oidcCallbackPath } from "../../sync-server/http/sso-routes.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { runScript } from "../helpers/run-script.ts";
import { type ScriptedIdp, startScriptedIdp } from "../helpers/scripted-idp.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * `sso oidc --groups-claim`: AD FS sends groups in `group` (a string when there is one), Entra ID
 * app roles in `roles`. The configured claim alone decides the role: a `groups` claim beside it
 * (the scripted IdP always sends one, naming the chiefs' group) must not count.
 */
let db: TestDatabase;
let server: TestServer | undefined;
let idp: ScriptedIdp;
let keyFile = "";
let siteId = "";
/** Set by the first test (`group`), and used by the next. */
let adfsProviderId = "";

async function admin(args: string[]) {
  const result = await runScript("sync-server/bin/admin.ts", [...args, "--json"], {
    env: { DATABASE_URL: db.url, FINGERPRINT_KEYS_FILE: keyFile },
  });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** The provider as the CLI sets it, with this groups claim. */
async function configure(groupsClaim: string) {
  await admin([
    "sso",
    "oidc",
    "--issuer",
    idp.issuer,
    "--client-id",
    idp.clientId,
    "--client-secret",
    idp.clientSecret,
    "--groups-claim",
    groupsClaim,
  ]);
  const rows = await db.pool.query<{ id: string }>("select id from sso_providers");
  return rows.rows[0]?.id ?? "";
}

beforeAll(async () => {
  db = await createTestDatabase();
  idp = await startScriptedIdp();
  keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bp-claim-")), "fingerprint-keys");
  ({ siteId } = await addSite(db.pool, {
    name: "Borgerservice Horsens",
    municipality: "Horsens Kommune",
  }));
  await admin(["sso", "map", "--group", "BP-Chefer-Horsens", "--role", "chief", "--site", siteId]);
  await admin(["sso", "map", "--group", "BP-Analytikere", "--role", "analyst"]);
});
afterAll(async () => {
  await idp?.close();
  await server?.close();
  await db?.drop();
});

/** One log-in through the server whose provider is `providerId`, with these id_token claims. */
async function logInWith(providerId: string, claims: JWTPayload) {
  // The CLI sealed the secret with the key file's keys; the server must open it with the same.
  server ??= await startTestServer(db.pool, {
    fingerprintKeys: await loadFingerprintKeys(db.pool, keyFile),
  });
  const baseUrl = server.baseUrl;
  const start = await fetch(`${baseUrl}/api/v1/sso/oidc/start?provider=${providerId}`, {
    redirect: "manual",
  });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location") ?? "");
  idp.nextToken(authorize.searchParams.get("nonce") ?? "", { claims });
  const query = new URLSearchParams({
    code: "c",
    state: authorize.searchParams.get("state") ?? "",
  });
  const callback = await fetch(`${baseUrl}${oidcCallbackPath}?${query}`, {
    redirect: "manual",
    headers: { cookie: (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "" },
  });
  const html = await callback.text();
  const session = (callback.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!session.startsWith("bp_session=")) {
    return { errorCode: /data-error-code="([a-z_]+)"/.exec(html)?.[1] };
  }
  const viewer = await fetch(`${baseUrl}/api/v1/session`, { headers: { cookie: session } });
  const body = (await viewer.json()) as { role: string; allSites: boolean };
  return { role: body.role, allSites: body.allSites };
}

describe("sso oidc --groups-claim", () => {
  it("AD FS's `group` (one string): maps that group, and ignores the default `groups`", async () => {
    adfsProviderId = await configure("group");
    expect(
      await logInWith(adfsProviderId, {
        sub: "adfs-1",
        email: "ana@horsens.dk",
        group: "BP-Analytikere",
        groups: ["BP-Chefer-Horsens"],
      }),
    ).toEqual({ role: "analyst", allSites: true });
  });

  it("refuses a log-in whose groups come only in the default claim", async () => {
    expect(
      await logInWith(adfsProviderId, {
        sub: "adfs-2",
        email: "bo@horsens.dk",
        groups: ["BP-Chefer-Horsens"],
      }),
    ).toEqual({ errorCode: "sso_unknown_group" });
  });

  it("Entra ID's `roles` (a list): the chief's role and site come from it", async () => {
    const providerId = await configure("roles");
    expect(
      await logInWith(providerId, {
        sub: "entra-1",
        email: "chef@horsens.dk",
        roles: ["Ukendt", "BP-Chefer-Horsens"],
        groups: ["BP-Analytikere"],
      }),
    ).toEqual({ role: "chief", allSites: false });
    const grants = await db.pool.query<{ site_id: string }>(
      `select us.site_id from user_sites us join users u on u.id = us.user_id
       where u.email = 'chef@horsens.dk'`,
    );
    expect(grants.rows.map((row) => row.site_id)).toEqual([siteId]);
  });
});
