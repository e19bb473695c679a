import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSite } from "../../sync-server/admin/verbs.ts";
import { oidcCallbackPath } from "../../sync-server/http/sso-routes.ts";
import { setOidcProvider, setRoleMapping } from "../../sync-server/sso/sso-settings.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { type ScriptedIdp, startScriptedIdp, type TokenScript } from "../helpers/scripted-idp.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let idp: ScriptedIdp;
let providerId = "";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  idp = await startScriptedIdp();
  const site = await addSite(db.pool, {
    name: "Borgerservice Horsens",
    municipality: "Horsens Kommune",
  });
  ({ providerId } = await setOidcProvider(db.pool, testFingerprintKeys, {
    municipalityId: site.municipalityId,
    displayName: "Horsens Kommune",
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
  }));
  await setRoleMapping(db.pool, {
    municipalityId: site.municipalityId,
    group: "BP-Chefer-Horsens",
    role: "chief",
    siteIds: [site.siteId],
  });
});
afterAll(async () => {
  await idp?.close();
  await server?.close();
  await db?.drop();
});

type Attempt = { state: string; nonce: string; cookie: string; authorize: URL };

/** GET /start as a browser would: the redirect to the provider and the browser-binding cookie. */
async function begin(): Promise<Attempt> {
  const start = await fetch(`${server.baseUrl}/api/v1/sso/oidc/start?provider=${providerId}`, {
    redirect: "manual",
  });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location") ?? "");
  return {
    state: authorize.searchParams.get("state") ?? "",
    nonce: authorize.searchParams.get("nonce") ?? "",
    cookie: (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    authorize,
  };
}

/** The provider's redirect back, as the browser follows it. */
async function callback(
  attempt: Attempt,
  options: { params?: Record<string, string>; cookie?: string } = {},
) {
  const query = new URLSearchParams(options.params ?? { code: "a-code", state: attempt.state });
  const response = await fetch(`${server.baseUrl}${oidcCallbackPath}?${query}`, {
    redirect: "manual",
    headers: { cookie: options.cookie ?? attempt.cookie },
  });
  const body = await response.text();
  return {
    status: response.status,
    location: response.headers.get("location"),
    setCookie: response.headers.get("set-cookie") ?? "",
    code: /data-error-code="([a-z_]+)"/.exec(body)?.[1],
    danish: body.includes('<html lang="da">'),
  };
}

async function refused(script: TokenScript, nonce?: string) {
  const attempt = await begin();
  idp.nextToken(nonce ?? attempt.nonce, script);
  return callback(attempt);
}

async function lastAuditReason(): Promise<string | undefined> {
  const rows = await db.pool.query<{ reason: string }>(
    `select details->>'reason' as reason from audit_log where action = 'sso.login_refused'
     order by at desc, id desc limit 1`,
  );
  return rows.rows[0]?.reason;
}

describe("OIDC callback checks", () => {
  it("asks for the code flow with PKCE (S256), state and nonce, at the configured redirect URI", async () => {
    const { authorize } = await begin();
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: idp.clientId,
      redirect_uri: `${server.baseUrl}${oidcCallbackPath}`,
      code_challenge_method: "S256",
      scope: "openid email profile",
    });
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("signs a good token in, and refuses the same callback replayed", async () => {
    const attempt = await begin();
    idp.nextToken(attempt.nonce, {});
    const first = await callback(attempt);
    expect(first.status).toBe(303);
    expect(first.location).toBe("/dashboard/");
    expect(first.setCookie).toMatch(/^bp_session=/);
    const exchanges = idp.tokenRequests();
    const replay = await callback(attempt);
    expect(replay).toMatchObject({ status: 400, code: "sso_state_invalid", danish: true });
    // The replay never reached the provider: the state was used up before anything else.
    expect(idp.tokenRequests()).toBe(exchanges);
  });

  it("refuses a token made for another application (audience)", async () => {
    expect(await refused({ claims: { aud: "another-application" } })).toMatchObject({
      status: 401,
      code: "sso_wrong_audience",
      danish: true,
    });
    expect(await lastAuditReason()).toBe("sso_wrong_audience");
  });

  it("refuses a token whose nonce belongs to another log-in", async () => {
    expect(await refused({}, "a-nonce-from-some-other-log-in")).toMatchObject({
      status: 401,
      code: "sso_bad_nonce",
    });
    expect(await lastAuditReason()).toBe("sso_bad_nonce");
  });

  it("refuses an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await refused({ claims: { iat: now - 7200, exp: now - 3600 } })).toMatchObject({
      status: 401,
      code: "sso_token_expired",
    });
    expect(await lastAuditReason()).toBe("sso_token_expired");
  });

  it("refuses a token signed with a key that is not the provider's", async () => {
    expect(await refused({ forgeSignature: true })).toMatchObject({
      status: 401,
      code: "sso_bad_signature",
    });
    expect(await lastAuditReason()).toBe("sso_bad_signature");
  });

  it("refuses a token from another issuer", async () => {
    expect(await refused({ claims: { iss: "https://evil.example" } })).toMatchObject({
      status: 401,
      code: "sso_token_invalid",
    });
  });

  it("refuses a callback in a browser that did not start the log-in (log-in CSRF)", async () => {
    const attempt = await begin();
    idp.nextToken(attempt.nonce, {});
    const exchanges = idp.tokenRequests();
    expect(await callback(attempt, { cookie: "bp_sso_browser=" + "x".repeat(43) })).toMatchObject({
      status: 400,
      code: "sso_state_invalid",
    });
    expect(idp.tokenRequests()).toBe(exchanges);
    expect(await lastAuditReason()).toBe("sso_state_invalid");
  });

  it("refuses a log-in that took longer than its 10 minutes", async () => {
    const attempt = await begin();
    await db.pool.query("update sso_login_attempts set expires_at = now() - interval '1 second'");
    idp.nextToken(attempt.nonce, {});
    expect(await callback(attempt)).toMatchObject({ status: 400, code: "sso_state_invalid" });
    expect(await lastAuditReason()).toBe("sso_state_invalid");
  });

  it("shows the provider's refusal, and a provider error as 'not reachable' (502)", async () => {
    const attempt = await begin();
    const denied = await callback(attempt, {
      params: { error: "access_denied", state: attempt.state },
    });
    expect(denied).toMatchObject({ status: 401, code: "sso_idp_refused" });
    expect(await refused({ failWith: 500 })).toMatchObject({
      status: 502,
      code: "sso_idp_unreachable",
    });
  });

  it("answers an unknown state and an unknown provider with their pages, never a 500", async () => {
    const unknown = await fetch(`${server.baseUrl}${oidcCallbackPath}?state=nope&code=x`);
    expect(unknown.status).toBe(400);
    const noProvider = await fetch(
      `${server.baseUrl}/api/v1/sso/oidc/start?provider=00000000-0000-7000-8000-000000000000`,
    );
    expect(noProvider.status).toBe(404);
    expect(await noProvider.text()).toContain("sso_not_configured");
  });
});
