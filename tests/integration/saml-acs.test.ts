import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { listAuditEntries } from "../../sync-server/queries/audit-log.ts";
import { upsertSamlProvider } from "../../sync-server/queries/sso-providers.ts";
import { privilegesAttribute } from "../../sync-server/sso/saml/context-handler-groups.ts";
import { spEndpoints } from "../../sync-server/sso/saml/service-provider.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { newKeyPair, privilegeList, samlResponse, type TestIdp } from "../helpers/saml-idp.ts";
import {
  type AcsAnswer,
  type Browser,
  postToAcs,
  samlLogIn,
  setUpSamlProvider,
  startSamlLogin,
} from "../helpers/saml-login.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

const chiefRole = "http://horsens.dk/roles/jobrole/borgerpuls/chef/1";
const analystRole = "http://horsens.dk/roles/jobrole/borgerpuls/analytiker/1";
const orgUnit = "http://sts.kombit.dk/constraints/orgenhed/1";
const emailAttribute = "https://data.gov.dk/model/core/eid/email";

let db: TestDatabase;
let server: TestServer;
let idp: TestIdp;
let fixture: Awaited<ReturnType<typeof twoSiteFixture>>;
let providerId = "";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  fixture = await twoSiteFixture(db.pool, "Horsens");
  const { municipalityId, siteA, siteB } = fixture;
  ({ idp, providerId } = await setUpSamlProvider(db.pool, {
    municipalityId,
    idp: {
      entityId: "https://adgangsstyring.test/idp",
      ssoUrl: "https://adgangsstyring.test/runtime/saml2/issue.idp",
    },
    displayName: "Fælleskommunal Adgangsstyring",
    mappings: [
      { group: chiefRole, role: "chief", siteIds: [siteA.siteId] },
      { group: analystRole, role: "analyst", siteIds: [] },
      // A Context Handler data limit: chiefs limited to the northern unit see site B too.
      { group: `${chiefRole}?${orgUnit}=nord`, role: "chief", siteIds: [siteB.siteId] },
    ],
  }));
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

function person(
  nameId: string,
  email: string,
  privileges: { privileges: string[]; constraints?: { name: string; value: string }[] }[],
) {
  return {
    nameId,
    attributes: {
      [emailAttribute]: [email],
      ...(privileges.length > 0 ? { [privilegesAttribute]: [privilegeList(privileges)] } : {}),
    },
  };
}

async function session(cookie: string | undefined) {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    headers: { cookie: cookie ?? "" },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function lastSsoAudit() {
  const [entry] = await listAuditEntries(db.pool, {
    municipalityId: fixture.municipalityId,
    actionPrefix: "sso.",
    limit: 1,
  });
  return entry;
}

function expectRefused(answer: AcsAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.errorCode, cookie: answer.cookie }).toEqual({
    status,
    code,
    cookie: undefined,
  });
  expect(answer.html).toContain('<html lang="da">');
}

describe("SAML log-in over HTTP (the test is the IdP)", () => {
  it("serves SP metadata naming our entity id, the ACS and that assertions must be signed", async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/sso/saml/${providerId}/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/samlmetadata\+xml/);
    const xml = await response.text();
    expect(xml).toContain(`entityID="${server.baseUrl}/api/v1/sso/saml/${providerId}/metadata"`);
    expect(xml).toContain(`Location="${server.baseUrl}/api/v1/sso/saml/acs"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
    const unknown = await fetch(`${server.baseUrl}/api/v1/sso/saml/${newId()}/metadata`);
    expect(unknown.status).toBe(404);
  });

  it("logs a chief in: session cookie, role and site from the Context Handler privilege", async () => {
    const answer = await samlLogIn(
      server.baseUrl,
      providerId,
      idp,
      person("CN=Karen Chef,Serial=1", "karen@horsens.dk", [{ privileges: [chiefRole] }]),
    );
    expect({ status: answer.status, location: answer.location }).toEqual({
      status: 303,
      location: "/dashboard/",
    });
    const me = await session(answer.cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: "karen@horsens.dk", role: "chief", allSites: false });
    expect((me.body.sites as { id: string }[]).map((site) => site.id)).toEqual([
      fixture.siteA.siteId,
    ]);
    // The dashboard API answers on that cookie.
    const today = await fetch(
      `${server.baseUrl}/api/v1/dashboard/today?site=${fixture.siteA.siteId}`,
      {
        headers: { cookie: answer.cookie ?? "" },
      },
    );
    expect(today.status).toBe(200);
    expect(await lastSsoAudit()).toMatchObject({
      action: "sso.login_succeeded",
      targetId: providerId,
    });
  });

  it("maps a privilege's data limit to the sites of its own rule", async () => {
    const answer = await samlLogIn(
      server.baseUrl,
      providerId,
      idp,
      person("CN=Nord Chef,Serial=2", "nord@horsens.dk", [
        { privileges: [chiefRole], constraints: [{ name: orgUnit, value: "nord" }] },
      ]),
    );
    const me = await session(answer.cookie);
    const sites = (me.body.sites as { id: string }[]).map((site) => site.id).sort();
    expect(sites).toEqual([fixture.siteA.siteId, fixture.siteB.siteId].sort());
  });

  it("refuses an unknown role with the Danish page and an audit entry", async () => {
    const answer = await samlLogIn(
      server.baseUrl,
      providerId,
      idp,
      person("CN=Uden Rolle", "uden@horsens.dk", [
        { privileges: ["http://horsens.dk/roles/jobrole/andet/1"] },
      ]),
    );
    expectRefused(answer, 403, "sso_unknown_group");
    expect(await lastSsoAudit()).toMatchObject({
      action: "sso.login_refused",
      details: expect.objectContaining({ reason: "unknown_group" }),
    });
  });

  it("de-provisions: the role removed at the IdP, the next log-in is refused and old sessions end", async () => {
    const who = person("CN=Bo Analytiker", "bo@horsens.dk", [{ privileges: [analystRole] }]);
    const first = await samlLogIn(server.baseUrl, providerId, idp, who);
    expect((await session(first.cookie)).body).toMatchObject({ role: "analyst", allSites: true });
    const removed = await samlLogIn(server.baseUrl, providerId, idp, {
      ...who,
      attributes: { [emailAttribute]: ["bo@horsens.dk"] },
    });
    expectRefused(removed, 403, "sso_unknown_group");
    expect((await session(first.cookie)).status).toBe(401);
  });

  const karen = () =>
    person("CN=Karen Chef,Serial=1", "karen@horsens.dk", [{ privileges: [chiefRole] }]);
  it.each([
    [
      "unsigned",
      async () => ({ signWith: "unsigned" as const }),
      401,
      "saml_unsigned",
      "saml_unsigned",
    ],
    [
      "signed with another key",
      async () => ({ signWith: await newKeyPair("Mallory") }),
      401,
      "sso_bad_signature",
      "sso_bad_signature",
    ],
    [
      "for another audience",
      async () => ({ audience: "https://other.example/sp" }),
      401,
      "sso_wrong_audience",
      "sso_wrong_audience",
    ],
    [
      "expired",
      async () => ({
        notBefore: new Date(Date.now() - 30 * 60_000),
        notOnOrAfter: new Date(Date.now() - 10 * 60_000),
      }),
      401,
      "sso_token_expired",
      "sso_token_expired",
    ],
    [
      "not yet valid",
      async () => ({
        notBefore: new Date(Date.now() + 10 * 60_000),
        notOnOrAfter: new Date(Date.now() + 30 * 60_000),
      }),
      401,
      "saml_not_yet_valid",
      "saml_not_yet_valid",
    ],
  ])(
    "refuses an assertion %s, with its page and audit entry",
    async (_label, tamper, status, code, reason) => {
      const answer = await samlLogIn(server.baseUrl, providerId, idp, {
        ...karen(),
        ...(await tamper()),
      });
      expectRefused(answer, status, code);
      expect(await lastSsoAudit()).toMatchObject({
        action: "sso.login_refused",
        targetId: providerId,
        details: expect.objectContaining({ reason }),
      });
    },
  );

  /** A signed answer for Karen to a log-in started in `browser`. */
  async function karensAnswer(browser: Browser): Promise<string> {
    const inResponseTo = await startSamlLogin(server.baseUrl, providerId, idp, browser);
    const sp = spEndpoints(server.baseUrl, providerId);
    return samlResponse(idp, {
      ...karen(),
      audience: sp.entityId,
      acsUrl: sp.acsUrl,
      inResponseTo,
    });
  }

  it("refuses a replayed response with its page and an audit entry", async () => {
    const browser: Browser = { cookie: undefined };
    const body = await karensAnswer(browser);
    expect((await postToAcs(server.baseUrl, { SAMLResponse: body }, browser)).status).toBe(303);
    expectRefused(
      await postToAcs(server.baseUrl, { SAMLResponse: body }, browser),
      401,
      "saml_replayed",
    );
    expect(await lastSsoAudit()).toMatchObject({
      action: "sso.login_refused",
      details: expect.objectContaining({ reason: "saml_replayed" }),
    });
  });

  it("refuses an answer pushed into another browser (log-in CSRF), which its own can still use", async () => {
    const attackers: Browser = { cookie: undefined };
    const body = await karensAnswer(attackers);
    // The victim's browser: no log-in started there, or another one.
    const victims: Browser = { cookie: undefined };
    await startSamlLogin(server.baseUrl, providerId, idp, victims);
    for (const browser of [{ cookie: undefined }, victims]) {
      expectRefused(
        await postToAcs(server.baseUrl, { SAMLResponse: body }, browser),
        400,
        "sso_state_invalid",
      );
    }
    expect(await lastSsoAudit()).toMatchObject({
      action: "sso.login_refused",
      details: expect.objectContaining({ reason: "sso_state_invalid" }),
    });
    expect((await postToAcs(server.baseUrl, { SAMLResponse: body }, attackers)).status).toBe(303);
  });

  it("answers the IdP's post with a page of ours that posts on (the CSP allows its script)", async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/sso/saml/acs`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLResponse: "PHg+PC94Pg==" }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const page = await response.text();
    expect(page).toContain('action="/api/v1/sso/saml/finish"');
    expect(page).toContain('<script src="/api/v1/sso/saml/continue.js"></script>');
    const script = await fetch(`${server.baseUrl}/api/v1/sso/saml/continue.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
  });

  it("refuses a response to a request this server never made (and logs it to the server log only)", async () => {
    const before = await lastSsoAudit();
    const answer = await samlLogIn(server.baseUrl, providerId, idp, {
      ...karen(),
      inResponseTo: "_never-sent",
    });
    expectRefused(answer, 400, "sso_state_invalid");
    // It names no request of ours, so no municipality: nothing is added to a tenant's log.
    expect((await lastSsoAudit())?.id).toBe(before?.id);
  });

  it("refuses a body that is no SAML response with a 400 page", async () => {
    expectRefused(await postToAcs(server.baseUrl, {}), 400, "saml_invalid_response");
    expectRefused(
      await postToAcs(server.baseUrl, { SAMLResponse: "bm90IHhtbA==" }),
      400,
      "saml_invalid_response",
    );
  });

  it("says on a page that IdP metadata is missing when a SAML provider has none", async () => {
    const other = await twoSiteFixture(db.pool, "Uden Metadata");
    const bare = await upsertSamlProvider(db.pool, {
      municipalityId: other.municipalityId,
      id: newId(),
      displayName: "Adgangsstyring",
      enabled: true,
    });
    const response = await fetch(`${server.baseUrl}/api/v1/sso/saml/start?provider=${bare}`, {
      redirect: "manual",
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('data-error-code="saml_metadata_missing"');
    const [entry] = await listAuditEntries(db.pool, {
      municipalityId: other.municipalityId,
      actionPrefix: "sso.",
      limit: 1,
    });
    expect(entry).toMatchObject({
      action: "sso.login_refused",
      details: expect.objectContaining({ reason: "saml_metadata_missing" }),
    });
  });
});
