import type { Pool } from "../../sync-server/db.ts";
import { setSamlProvider } from "../../sync-server/sso/saml/saml-settings.ts";
import { spEndpoints } from "../../sync-server/sso/saml/service-provider.ts";
import { setRoleMapping } from "../../sync-server/sso/sso-settings.ts";
import {
  type AssertionOptions,
  authnRequestOf,
  createTestIdp,
  samlResponse,
  type TestIdp,
} from "./saml-idp.ts";

/**
 * A SAML log-in over real HTTP as a browser makes it: the log-in button's start URL (redirect
 * to the IdP with an AuthnRequest, and the bp_sso_browser cookie), the IdP's answer posted to
 * the ACS (HTTP-POST binding, from the IdP's site: no cookies of ours), and the ACS's page
 * posting it on to /finish from our site (with the browser cookie).
 */
export type AcsAnswer = {
  status: number;
  location: string | null;
  /** `bp_session=…` when a session was started. */
  cookie: string | undefined;
  /** The data-error-code of the Danish error page, when one was shown. */
  errorCode: string | undefined;
  html: string;
};

/** A browser's cookie jar for these tests: `bp_sso_browser=…`, or none yet. */
export type Browser = { cookie: string | undefined };

function cookieFrom(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .find((pair) => pair.startsWith(`${name}=`));
}

/** The AuthnRequest id our server made for a fresh log-in at this provider, in this browser. */
export async function startSamlLogin(
  baseUrl: string,
  providerId: string,
  idp: TestIdp,
  browser: Browser = { cookie: undefined },
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/sso/saml/start?provider=${providerId}`, {
    redirect: "manual",
    headers: browser.cookie ? { cookie: browser.cookie } : {},
  });
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || !location.startsWith(idp.ssoUrl)) {
    throw new Error(`start answered ${response.status} ${location}`);
  }
  browser.cookie ??= cookieFrom(response, "bp_sso_browser");
  return authnRequestOf(location).id;
}

async function answerOf(response: Response): Promise<AcsAnswer> {
  const html = await response.text();
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie: cookieFrom(response, "bp_session"),
    errorCode: /data-error-code="([a-z_]+)"/.exec(html)?.[1],
    html,
  };
}

/** Both hops: the IdP's post to the ACS, then our page's post to /finish in `browser`. */
export async function postToAcs(
  baseUrl: string,
  fields: Record<string, string>,
  browser: Browser = { cookie: undefined },
): Promise<AcsAnswer> {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const acs = await fetch(`${baseUrl}/api/v1/sso/saml/acs`, {
    method: "POST",
    headers: { ...form, origin: "https://idp.example" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
  if (acs.status !== 200) return answerOf(acs);
  const page = await acs.text();
  const action = /<form id="saml-continue" method="post" action="([^"]+)">/.exec(page)?.[1];
  const value = /name="SAMLResponse" value="([^"]*)"/.exec(page)?.[1];
  if (!action || value === undefined) throw new Error(`the ACS page has no form: ${page}`);
  const finish = await fetch(new URL(action, baseUrl), {
    method: "POST",
    headers: { ...form, origin: baseUrl, ...(browser.cookie ? { cookie: browser.cookie } : {}) },
    body: new URLSearchParams({ SAMLResponse: value }).toString(),
    redirect: "manual",
  });
  return answerOf(finish);
}

/** Start, answer as the IdP with these assertion options, post: what the browser would see. */
export async function samlLogIn(
  baseUrl: string,
  providerId: string,
  idp: TestIdp,
  options: Omit<AssertionOptions, "audience" | "acsUrl" | "inResponseTo"> &
    Partial<Pick<AssertionOptions, "audience" | "inResponseTo">>,
): Promise<AcsAnswer> {
  const sp = spEndpoints(baseUrl, providerId);
  const browser: Browser = { cookie: undefined };
  const inResponseTo =
    "inResponseTo" in options
      ? options.inResponseTo
      : await startSamlLogin(baseUrl, providerId, idp, browser);
  const body = samlResponse(idp, {
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    ...options,
    inResponseTo,
  });
  return postToAcs(baseUrl, { SAMLResponse: body }, browser);
}

/**
 * A municipality's SAML provider as an admin sets it up: a test IdP (fresh keys), its metadata
 * imported, and the mapping rules given.
 */
export async function setUpSamlProvider(
  pool: Pool,
  setup: {
    municipalityId: string;
    idp: { entityId: string; ssoUrl: string };
    displayName: string;
    mappings: { group: string; role: "chief" | "analyst" | "admin"; siteIds: string[] }[];
  },
): Promise<{ idp: TestIdp; providerId: string }> {
  const idp = await createTestIdp(setup.idp);
  const { providerId } = await setSamlProvider(pool, {
    municipalityId: setup.municipalityId,
    displayName: setup.displayName,
    metadataXml: idp.metadataXml,
  });
  for (const mapping of setup.mappings) {
    await setRoleMapping(pool, { municipalityId: setup.municipalityId, ...mapping });
  }
  return { idp, providerId };
}
