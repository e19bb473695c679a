import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SamlAdminView, SsoAdminView } from "../../shared/sso-contract.ts";
import { addUser } from "../../sync-server/admin/verbs.ts";
import { listAuditEntries } from "../../sync-server/queries/audit-log.ts";
import { logIn, type Session } from "../helpers/admin-session.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { twoSiteFixture } from "../helpers/fixtures.ts";
import { idpMetadata, newKeyPair } from "../helpers/saml-idp.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

/** PUT /api/v1/admin/sso/saml: the dashboard's IdP metadata import, as the page sends it. */
let db: TestDatabase;
let server: TestServer;
let admin: Session;
let chief: Session;
let municipalityId = "";
const password = "en meget lang adgangskode";
const entityId = "https://saml.adgangsstyring.test";
const ssoUrl = "https://adgangsstyring.test/runtime/saml2/issue.idp";

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const fixture = await twoSiteFixture(db.pool, "Horsens");
  municipalityId = fixture.municipalityId;
  await addUser(db.pool, { email: "admin@horsens.dk", role: "admin", siteIds: [], password });
  await addUser(db.pool, {
    email: "chef@horsens.dk",
    role: "chief",
    siteIds: [fixture.siteA.siteId],
    password,
  });
  admin = await logIn(server.baseUrl, "admin@horsens.dk", password);
  chief = await logIn(server.baseUrl, "chef@horsens.dk", password);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

function put(who: Session | undefined, body: unknown, csrf = true) {
  return fetch(`${server.baseUrl}/api/v1/admin/sso/saml`, {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      ...(who ? { cookie: who.cookie } : {}),
      ...(who && csrf ? { "x-csrf-token": who.csrf } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe("the admin page's SAML import", () => {
  it("imports the IdP metadata, shows what to give the IdP, and audits the change", async () => {
    const pair = await newKeyPair("IdP");
    const metadataXml = idpMetadata({ entityId, ssoUrl, certs: [pair.cert] });
    const response = await put(admin, {
      displayName: "Adgangsstyring",
      metadataXml,
      enabled: true,
    });
    expect(response.status).toBe(200);
    const saml = (await response.json()) as SamlAdminView;
    expect(saml).toMatchObject({
      displayName: "Adgangsstyring",
      enabled: true,
      spMetadataUrl: `${server.baseUrl}/api/v1/sso/saml/${saml.providerId}/metadata`,
      acsUrl: `${server.baseUrl}/api/v1/sso/saml/acs`,
      idp: { entityId, ssoUrl, signingCertificates: 1 },
    });
    const view = await fetch(`${server.baseUrl}/api/v1/admin/sso`, {
      headers: { cookie: admin.cookie },
    });
    expect(((await view.json()) as SsoAdminView).saml).toEqual(saml);
    const [entry] = await listAuditEntries(db.pool, {
      municipalityId,
      actionPrefix: "sso.",
      limit: 1,
    });
    expect(entry).toMatchObject({
      action: "sso.provider_set",
      actorKind: "user",
      targetId: saml.providerId,
      details: { kind: "saml", entityId, signingCertificates: 1, enabled: true },
    });
    // The log-in page now offers it.
    const buttons = await fetch(`${server.baseUrl}/api/v1/sso/providers`);
    expect(await buttons.json()).toMatchObject({
      providers: [
        {
          kind: "saml",
          displayName: "Adgangsstyring",
          startUrl: `/api/v1/sso/saml/start?provider=${saml.providerId}`,
        },
      ],
    });
  });

  it("takes metadata larger than the other SSO settings' 16 KiB (many keys, long names)", async () => {
    const certs = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => newKeyPair(`Key ${n}`)));
    const metadataXml = idpMetadata({ entityId, ssoUrl, certs: certs.map((pair) => pair.cert) });
    const padded = metadataXml.replace(
      "<md:IDPSSODescriptor",
      `<!-- ${"x".repeat(20_000)} --><md:IDPSSODescriptor`,
    );
    const response = await put(admin, {
      displayName: "Adgangsstyring",
      metadataXml: padded,
      enabled: true,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as SamlAdminView).idp?.signingCertificates).toBe(8);
  });

  it("refuses metadata that is not an IdP's with the reason, and non-admins and missing CSRF", async () => {
    const bad = await put(admin, {
      displayName: "X",
      metadataXml: "<EntityDescriptor/>",
      enabled: true,
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "saml_invalid_metadata" } });
    const shape = await put(admin, { displayName: "X", metadataXml: "", extra: 1 });
    expect(shape.status).toBe(400);
    expect(
      (await put(chief, { displayName: "X", metadataXml: "<x/>", enabled: true })).status,
    ).toBe(403);
    expect((await put(admin, { displayName: "X", metadataXml: "<x/>" }, false)).status).toBe(403);
    expect((await put(undefined, { displayName: "X", metadataXml: "<x/>" })).status).toBe(401);
  });
});
