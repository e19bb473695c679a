import type { Browser, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { addSite, addUser } from "../../sync-server/admin/verbs.ts";
import type { Pool } from "../../sync-server/db.ts";
import { oidcCallbackPath } from "../../sync-server/http/sso-routes.ts";
import { setOidcProvider, setRoleMapping } from "../../sync-server/sso/sso-settings.ts";
import { logIn as passwordLogIn, type Session } from "../helpers/admin-session.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { startOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

let server: TestServer;
let browser: Browser;
let pool: Pool;
let idp: TestOidcProvider;
let siteA = "";
const admin = { email: "it@horsens.dk", password: "break-glass-password" };
const anna = { email: "anna@horsens.dk", name: "Anna Chef", groups: ["Alle", "BP-Chefer-Horsens"] };

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
  pool = env.db.pool;
  const site = await addSite(pool, {
    name: "Borgerservice Horsens",
    municipality: "Horsens Kommune",
  });
  await addSite(pool, { name: "Jobcenter", municipality: "Horsens Kommune" });
  siteA = site.siteId;
  await addUser(pool, { ...admin, role: "admin", siteIds: [] });
  idp = await startOidcProvider({
    redirectUris: [`${server.baseUrl}${oidcCallbackPath}`],
    postLogoutRedirectUris: [`${server.baseUrl}/dashboard/`],
  });
  idp.setAccount("anna-subject", anna);
  await setOidcProvider(pool, testFingerprintKeys, {
    municipalityId: site.municipalityId,
    displayName: "Horsens Kommune",
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
  });
  await setRoleMapping(pool, {
    municipalityId: site.municipalityId,
    group: "BP-Chefer-Horsens",
    role: "chief",
    siteIds: [siteA],
  });
});
afterAll(async () => {
  await idp?.close();
});

/** Through the provider's own pages: user name (the subject), any password, then consent. */
async function signInAtProvider(page: Page, subject: string): Promise<void> {
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  // Consent, unless the provider remembers the grant: whichever comes first.
  const consent = page.getByRole("button", { name: "Continue" });
  const leftProvider = (url: URL) => url.href.startsWith(server.baseUrl);
  await Promise.race([
    consent.waitFor().catch(() => undefined),
    page.waitForURL(leftProvider, { waitUntil: "commit" }).catch(() => undefined),
  ]);
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

async function startLogIn(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    locale: "da-DK",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/dashboard/`);
  await page.getByRole("link", { name: "Log ind med Horsens Kommune" }).click();
  await page.waitForURL((url) => url.href.startsWith(idp.issuer));
  await signInAtProvider(page, "anna-subject");
  return { page, close: () => context.close() };
}

async function sessionOf(page: Page): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(async () => {
    const response = await fetch("/api/v1/session");
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  });
}

async function auditReasons(): Promise<string[]> {
  const rows = await pool.query<{ action: string; reason: string | null }>(
    `select action, details->>'reason' as reason from audit_log
     where action like 'sso.login_%' order by at, id`,
  );
  return rows.rows.map((row) => `${row.action}:${row.reason ?? "-"}`);
}

describe("OpenID Connect log-in in Chromium", () => {
  it("offers the provider on the log-in page, accessibly", async () => {
    const context = await browser.newContext({ locale: "da-DK" });
    const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
    await dashboard.page.goto(`${server.baseUrl}/dashboard/`);
    await dashboard.page.getByRole("link", { name: "Log ind med Horsens Kommune" }).waitFor();
    expect(await dashboard.axeViolations()).toEqual([]);
    await dashboard.screenshot("sso-login-da");
    await context.close();
  });

  it("logs a chief in through the provider's pages onto the dashboard, with the mapped site", async () => {
    const { page, close } = await startLogIn();
    await page.getByRole("button", { name: "Log ud" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard/");
    const session = await sessionOf(page);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      email: anna.email,
      role: "chief",
      allSites: false,
      sites: [expect.objectContaining({ id: siteA, name: "Borgerservice Horsens" })],
    });
    expect(await auditReasons()).toEqual(["sso.login_succeeded:-"]);
    // Log-out ends our session and goes on to the provider's end-session page.
    await page.getByRole("button", { name: "Log ud" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/session/end`));
    expect((await page.context().request.get(`${server.baseUrl}/api/v1/session`)).status()).toBe(
      401,
    );
    await close();
  });

  it("refuses someone removed from the group at their next log-in, with a Danish page", async () => {
    idp.setAccount("anna-subject", { ...anna, groups: ["Alle"] });
    const { page, close } = await startLogIn();
    await page.getByRole("heading", { name: "Du har ikke adgang til Borgerpuls" }).waitFor();
    expect(await page.locator("[data-error-code]").textContent()).toBe("sso_unknown_group");
    expect(await page.locator("html").getAttribute("lang")).toBe("da");
    expect((await sessionOf(page)).status).toBe(401);
    expect((await auditReasons()).at(-1)).toBe("sso.login_refused:unknown_group");
    await close();
  });

  it("ends the sessions of a user an admin disables, and refuses their next log-in", async () => {
    idp.setAccount("anna-subject", anna);
    const { page, close } = await startLogIn();
    await page.getByRole("button", { name: "Log ud" }).waitFor();
    const adminSession: Session = await passwordLogIn(server.baseUrl, admin.email, admin.password);
    const user = await pool.query<{ id: string }>("select id from users where email = $1", [
      anna.email,
    ]);
    const disabled = await fetch(`${server.baseUrl}/api/v1/admin/users/${user.rows[0]?.id}`, {
      method: "PATCH",
      headers: {
        cookie: adminSession.cookie,
        "x-csrf-token": adminSession.csrf,
        "content-type": "application/json",
      },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    expect((await sessionOf(page)).status).toBe(401);
    await close();
    const again = await startLogIn();
    await again.page.getByRole("heading", { name: "Din konto er spærret" }).waitFor();
    expect((await auditReasons()).at(-1)).toBe("sso.login_refused:disabled");
    await again.close();
  });

  it("shows the 'provider down' page (502) when the provider cannot be reached", async () => {
    await idp.stop();
    try {
      const context = await browser.newContext({ locale: "da-DK" });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/dashboard/`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/v1/sso/oidc/start")),
        page.getByRole("link", { name: "Log ind med Horsens Kommune" }).click(),
      ]);
      expect(response.status()).toBe(502);
      await page.getByRole("heading", { name: "Identitetsudbyderen svarer ikke" }).waitFor();
      expect((await auditReasons()).at(-1)).toBe("sso.login_refused:sso_idp_unreachable");
      await context.close();
    } finally {
      await idp.start();
    }
  });
});

describe("the admin's single sign-on page in Chromium", () => {
  it("shows the redirect URI and the provider, adds a rule, and turns password log-in off", async () => {
    const context = await browser.newContext({
      locale: "da-DK",
      viewport: { width: 1280, height: 900 },
    });
    const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
    const page = dashboard.page;
    await dashboard.logIn(admin.email, admin.password);
    await dashboard.open("Log-in (SSO)");
    await expect
      .poll(() => page.getByTestId("sso-redirect-uri").textContent())
      .toBe(`${server.baseUrl}${oidcCallbackPath}`);
    expect(await page.getByLabel("Udsteder (issuer-URL)").inputValue()).toBe(idp.issuer);
    expect(await page.getByLabel("Klienthemmelighed").inputValue()).toBe("");
    await page.getByLabel("Gruppe (værdi i claim)").fill("BP-Analytikere");
    await page
      .getByRole("combobox", { name: "Rolle", exact: true })
      .selectOption({ label: "analytiker" });
    await page.getByRole("button", { name: "Tilføj regel" }).click();
    await page.getByRole("rowheader", { name: "BP-Analytikere" }).waitFor();
    expect(await dashboard.axeViolations(), "Log-in (SSO)").toEqual([]);
    await page.getByRole("button", { name: /Slå adgangskode fra/ }).click();
    await page.getByText(/Kun administratorer kan logge ind med adgangskode/).waitFor();
    await dashboard.screenshot("admin-sso-da");
    const stored = await pool.query<{ role: string; on: boolean }>(
      `select r.role, m.password_login_for_all as on from sso_role_mappings r
       join municipalities m on m.id = r.municipality_id where r.group_value = 'BP-Analytikere'`,
    );
    expect(stored.rows).toEqual([{ role: "analyst", on: false }]);
    await context.close();
  });
});
