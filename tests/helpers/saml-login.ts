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
 * to the IdP with an AuthnRequest), then the IdP's answer posted to the ACS (HTTP-POST binding).
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

/** The AuthnRequest id our server made for a fresh log-in at this provider. */
export async function startSamlLogin(
  baseUrl: string,
  providerId: string,
  idp: TestIdp,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/sso/saml/start?provider=${providerId}`, {
    redirect: "manual",
  });
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || !location.startsWith(idp.ssoUrl)) {
    throw new Error(`start answered ${response.status} ${location}`);
  }
  return authnRequestOf(location).id;
}

export async function postToAcs(
  baseUrl: string,
  fields: Record<string, string>,
): Promise<AcsAnswer> {
  const response = await fetch(`${baseUrl}/api/v1/sso/saml/acs`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://idp.example" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
  const html = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .find((pair) => pair.startsWith("bp_session="));
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie,
    errorCode: /data-error-code="([a-z_]+)"/.exec(html)?.[1],
    html,
  };
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
  const inResponseTo =
    "inResponseTo" in options
      ? options.inResponseTo
      : await startSamlLogin(baseUrl, providerId, idp);
  const body = samlResponse(idp, {
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    ...options,
    inResponseTo,
  });
  return postToAcs(baseUrl, { SAMLResponse: body });
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
