import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { privilegesAttribute } from "../../sync-server/sso/saml/context-handler-groups.ts";
import { spEndpoints } from "../../sync-server/sso/saml/service-provider.ts";
import {
  authnRequestOf,
  postBindingPage,
  privilegeList,
  samlResponse,
  type TestIdp,
} from "../helpers/saml-idp.ts";
import { setUpSamlProvider } from "../helpers/saml-login.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

/**
 * The whole SAML log-in in headless Chromium: the dashboard's "Log ind med …" button sends the
 * browser to a tiny IdP served by this test, which answers the AuthnRequest with a signed
 * assertion in an auto-submitting form (HTTP-POST binding) to our ACS, and the dashboard opens
 * as the chief the Context Handler privilege maps to.
 */
const chiefRole = "http://e2e.dk/roles/jobrole/borgerpuls/chef/1";
let server: TestServer;
let browser: Browser;
let idp: TestIdp;
let idpServer: http.Server;
let providerId = "";
let idpRequests = 0;
const admin = { email: "admin@e2e.dk", password: "admin-password-long" };

function startIdpServer(): Promise<http.Server> {
  const listening = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/sso") {
      res.writeHead(404).end();
      return;
    }
    idpRequests += 1;
    const request = authnRequestOf(url.href);
    const sp = spEndpoints(server.baseUrl, providerId);
    const body = samlResponse(idp, {
      audience: sp.entityId,
      acsUrl: sp.acsUrl,
      inResponseTo: request.id,
      nameId: "CN=Chef i Browseren",
      attributes: {
        [privilegesAttribute]: [privilegeList([{ privileges: [chiefRole] }])],
        "https://data.gov.dk/model/core/eid/email": ["chef@e2e.dk"],
      },
    });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(postBindingPage(sp.acsUrl, body));
  });
  listening.on("error", () => {});
  return new Promise((resolve) => listening.listen(0, "127.0.0.1", () => resolve(listening)));
}

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
  idpServer = await startIdpServer();
  const { port } = idpServer.address() as AddressInfo;
  const site = await addSite(env.db.pool, {
    name: "Borgerservice Syd",
    municipality: "E2E Kommune",
  });
  await addUser(env.db.pool, { ...admin, role: "admin", siteIds: [] });
  ({ idp, providerId } = await setUpSamlProvider(env.db.pool, {
    municipalityId: site.municipalityId,
    idp: { entityId: "https://idp.e2e.test", ssoUrl: `http://127.0.0.1:${port}/sso` },
    displayName: "Fælleskommunal Adgangsstyring",
    mappings: [{ group: chiefRole, role: "chief", siteIds: [site.siteId] }],
  }));
});
afterAll(async () => {
  await new Promise<void>((resolve) => (idpServer ? idpServer.close(() => resolve()) : resolve()));
});

describe("SAML log-in in Chromium", () => {
  it("goes from the log-in button through the IdP's auto-posting form to the dashboard as chief", async () => {
    const context = await browser.newContext({
      locale: "da-DK",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/dashboard/`);
    await page.getByRole("link", { name: "Log ind med Fælleskommunal Adgangsstyring" }).click();
    await page.getByRole("button", { name: "Log ud" }).waitFor();
    expect(idpRequests).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/dashboard/");
    const me = await page.evaluate(async () => {
      const response = await fetch("/api/v1/session");
      return (await response.json()) as { email: string; role: string; sites: { name: string }[] };
    });
    expect(me).toMatchObject({
      email: "chef@e2e.dk",
      role: "chief",
      sites: [{ name: "Borgerservice Syd" }],
    });
    await context.close();
  });

  it("lets an admin import the IdP's metadata file on the SSO page and shows the SP metadata URL", async () => {
    const context = await browser.newContext({
      locale: "da-DK",
      viewport: { width: 1280, height: 900 },
    });
    const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
    await dashboard.logIn(admin.email, admin.password);
    await dashboard.open("Log-in (SSO)");
    const page = dashboard.page;
    const section = page.getByRole("region", { name: /SAML 2.0-udbyder/ });
    await expect
      .poll(() => section.getByTestId("saml-sp-metadata").textContent())
      .toBe(`${server.baseUrl}/api/v1/sso/saml/${providerId}/metadata`);
    await section.getByLabel("Navn på log-in-knappen").fill("KOMBIT Adgangsstyring");
    await section.getByLabel("Identitetsudbyderens metadata (XML-fil)").setInputFiles({
      name: "idp-metadata.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(idp.metadataXml),
    });
    await section.getByRole("button", { name: "Indlæs metadata" }).click();
    await section.getByText("Metadata indlæst.").waitFor();
    await expect.poll(() => section.getByTestId("saml-idp").textContent()).toContain(idp.entityId);
    expect(await dashboard.axeViolations(), "Log-in (SSO) with SAML").toEqual([]);
    // The log-in page offers the new name.
    await dashboard.logOut();
    await page.getByRole("link", { name: "Log ind med KOMBIT Adgangsstyring" }).waitFor();
    await context.close();
  });
});
