import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSite } from "../../sync-server/admin/verbs.ts";
import { loadConfig } from "../../sync-server/config.ts";
import { oidcCallbackPath } from "../../sync-server/http/sso-routes.ts";
import { privilegesAttribute } from "../../sync-server/sso/saml/context-handler-groups.ts";
import { spEndpoints } from "../../sync-server/sso/saml/service-provider.ts";
import { setOidcProvider, setRoleMapping } from "../../sync-server/sso/sso-settings.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { authnRequestOf, privilegeList, samlResponse, type TestIdp } from "../helpers/saml-idp.ts";
import { type Browser, postToAcs, setUpSamlProvider } from "../helpers/saml-login.ts";
import { type ScriptedIdp, startScriptedIdp } from "../helpers/scripted-idp.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Behind a reverse proxy the request's origin (here the loopback port) is not what the identity
 * provider knows us by: PUBLIC_URL is. Every URL given to or checked against the provider must
 * be PUBLIC_URL's, never the origin the request happened to arrive at.
 */
const publicUrl = "https://borgerpuls.horsens.dk";
const samlEmail = "https://data.gov.dk/model/core/eid/email";
const samlRole = "http://horsens.dk/roles/jobrole/borgerpuls/chef/1";

let db: TestDatabase;
let server: TestServer;
let oidcIdp: ScriptedIdp;
let samlIdp: TestIdp;
let oidcProviderId = "";
let samlProviderId = "";

beforeAll(async () => {
  db = await createTestDatabase();
  // As the server reads it (a trailing slash as an operator may type it), not a hand-set option.
  const config = loadConfig({ DATABASE_URL: db.url, PUBLIC_URL: `${publicUrl}/` });
  server = await startTestServer(db.pool, { publicUrl: config.notifications.publicUrl });
  oidcIdp = await startScriptedIdp();
  const site = await addSite(db.pool, {
    name: "Borgerservice Horsens",
    municipality: "Horsens Kommune",
  });
  ({ providerId: oidcProviderId } = await setOidcProvider(db.pool, testFingerprintKeys, {
    municipalityId: site.municipalityId,
    displayName: "Horsens Kommune",
    issuer: oidcIdp.issuer,
    clientId: oidcIdp.clientId,
    clientSecret: oidcIdp.clientSecret,
  }));
  await setRoleMapping(db.pool, {
    municipalityId: site.municipalityId,
    group: "BP-Chefer-Horsens",
    role: "chief",
    siteIds: [site.siteId],
  });
  ({ idp: samlIdp, providerId: samlProviderId } = await setUpSamlProvider(db.pool, {
    municipalityId: site.municipalityId,
    idp: {
      entityId: "https://adgangsstyring.test/idp",
      ssoUrl: "https://adgangsstyring.test/runtime/saml2/issue.idp",
    },
    displayName: "Fælleskommunal Adgangsstyring",
    mappings: [{ group: samlRole, role: "chief", siteIds: [site.siteId] }],
  }));
});
afterAll(async () => {
  await oidcIdp?.close();
  await server?.close();
  await db?.drop();
});

describe("PUBLIC_URL and OpenID Connect", () => {
  it("sends PUBLIC_URL's redirect URI to the provider, and repeats it in the token request", async () => {
    const start = await fetch(
      `${server.baseUrl}/api/v1/sso/oidc/start?provider=${oidcProviderId}`,
      { redirect: "manual" },
    );
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${publicUrl}${oidcCallbackPath}`);
    const state = authorize.searchParams.get("state") ?? "";
    const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    oidcIdp.nextToken(authorize.searchParams.get("nonce") ?? "", {});
    // The browser comes back through the proxy; the server sees the loopback origin.
    const callback = await fetch(
      `${server.baseUrl}${oidcCallbackPath}?${new URLSearchParams({ code: "a-code", state })}`,
      { redirect: "manual", headers: { cookie } },
    );
    expect(callback.status).toBe(303);
    expect(callback.headers.get("set-cookie") ?? "").toMatch(/^bp_session=/);
    // A provider refuses a code whose token request names another redirect URI than the
    // authorization request did (RFC 6749 §4.1.3): it must be PUBLIC_URL's again.
    expect(oidcIdp.lastTokenForm()?.get("redirect_uri")).toBe(`${publicUrl}${oidcCallbackPath}`);
  });
});

describe("PUBLIC_URL and SAML", () => {
  const sp = () => spEndpoints(publicUrl, samlProviderId);

  it("names PUBLIC_URL's entity id and ACS in the SP metadata and the AuthnRequest", async () => {
    const metadata = await fetch(`${server.baseUrl}/api/v1/sso/saml/${samlProviderId}/metadata`);
    expect(metadata.status).toBe(200);
    const xml = await metadata.text();
    expect(xml).toContain(`entityID="${sp().entityId}"`);
    expect(xml).toContain(`Location="${sp().acsUrl}"`);
    expect(xml).not.toContain(server.baseUrl);
    const start = await fetch(
      `${server.baseUrl}/api/v1/sso/saml/start?provider=${samlProviderId}`,
      {
        redirect: "manual",
      },
    );
    const request = authnRequestOf(start.headers.get("location") ?? "").xml;
    expect(request).toContain(`AssertionConsumerServiceURL="${sp().acsUrl}"`);
    expect(request).toContain(`>${sp().entityId}</saml:Issuer>`);
  });

  async function answer(endpoints: { entityId: string; acsUrl: string }) {
    const browser: Browser = { cookie: undefined };
    const start = await fetch(
      `${server.baseUrl}/api/v1/sso/saml/start?provider=${samlProviderId}`,
      {
        redirect: "manual",
      },
    );
    browser.cookie = (start.headers.get("set-cookie") ?? "").split(";")[0];
    const inResponseTo = authnRequestOf(start.headers.get("location") ?? "").id;
    const body = samlResponse(samlIdp, {
      audience: endpoints.entityId,
      acsUrl: endpoints.acsUrl,
      inResponseTo,
      nameId: "chef-1",
      attributes: {
        [samlEmail]: ["chef@horsens.dk"],
        [privilegesAttribute]: [privilegeList([{ privileges: [samlRole] }])],
      },
    });
    return postToAcs(server.baseUrl, { SAMLResponse: body }, browser);
  }

  it("accepts an assertion for PUBLIC_URL's SP and refuses one for the request's origin", async () => {
    const good = await answer(sp());
    expect({ status: good.status, code: good.errorCode }).toEqual({
      status: 303,
      code: undefined,
    });
    const local = await answer(spEndpoints(server.baseUrl, samlProviderId));
    expect(local.errorCode).toBe("sso_wrong_audience");
  });
});
