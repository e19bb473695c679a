import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import { isRole } from "../../shared/roles.ts";
import type { SsoAdminView } from "../../shared/sso-contract.ts";
import type { Queryable } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import { passwordLoginForAll, setPasswordLoginForAll } from "../queries/municipalities.ts";
import { findSitesByIds } from "../queries/sites.ts";
import { listSsoProviders, upsertOidcProvider } from "../queries/sso-providers.ts";
import {
  deleteRoleMapping,
  listRoleMappings,
  upsertRoleMapping,
} from "../queries/sso-role-mappings.ts";
import { sealSecret } from "./sealed-secret.ts";

/**
 * Single sign-on settings as the admin CLI (admin/sso-verbs.ts) and the dashboard's admin page
 * (http/admin-sso-routes.ts) change them: one place checks every value.
 */

export type OidcSettingsInput = {
  municipalityId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  /** Absent: keep the stored one (a new provider must have one). */
  clientSecret?: string | undefined;
  scopes?: string | undefined;
  groupsClaim?: string | undefined;
  enabled?: boolean | undefined;
};

function invalid(message: string): AppError {
  return new AppError("invalid_sso_settings", message);
}

/**
 * http:// only on this machine's loopback (a provider in a test, or behind a local proxy):
 * anywhere else the tokens and the client secret would cross the network in clear.
 */
export function checkIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer.trim());
  } catch {
    throw invalid(`The issuer "${issuer}" is not a URL.`);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw invalid("The issuer must be an https:// URL (http:// only on localhost).");
  }
  if (url.search || url.hash) throw invalid("The issuer has no query or fragment.");
  return url.href.replace(/\/$/, "");
}

export function checkText(value: string, what: string, max: number): string {
  const text = value.trim();
  if (text.length < 1 || text.length > max || [...text].some((c) => c.charCodeAt(0) < 0x20)) {
    throw invalid(`${what} must be 1–${max} printable characters.`);
  }
  return text;
}

function checkScopes(scopes: string): string {
  const list = [...new Set(scopes.trim().split(/\s+/))];
  if (!list.includes("openid") || list.some((scope) => !/^[\x21-\x7e]{1,200}$/.test(scope))) {
    throw invalid('Scopes are space-separated and must include "openid".');
  }
  return list.join(" ");
}

export async function setOidcProvider(
  db: Queryable,
  keys: FingerprintKeys,
  input: OidcSettingsInput,
): Promise<{ providerId: string; municipalityId: string }> {
  const existing = (await listSsoProviders(db, input.municipalityId)).find(
    (provider) => provider.kind === "oidc",
  );
  const secret = input.clientSecret?.trim();
  if (!secret && !existing?.clientSecretSealed) {
    throw invalid("A new OpenID Connect provider needs its client secret.");
  }
  const providerId = await upsertOidcProvider(db, {
    municipalityId: input.municipalityId,
    id: newId(),
    displayName: checkText(input.displayName, "The display name", 200),
    issuer: checkIssuer(input.issuer),
    clientId: checkText(input.clientId, "The client id", 500),
    clientSecretSealed: secret
      ? sealSecret(keys, checkText(secret, "The client secret", 1000))
      : null,
    scopes: checkScopes(input.scopes ?? existing?.scopes ?? "openid email profile"),
    groupsClaim: checkText(
      input.groupsClaim ?? existing?.groupsClaim ?? "groups",
      "The groups claim",
      200,
    ),
    enabled: input.enabled ?? true,
  });
  return { providerId, municipalityId: input.municipalityId };
}

/** A mapping rule; sites are checked to be the municipality's by the caller's site lookup. */
export async function setRoleMapping(
  db: Queryable,
  input: { municipalityId: string; group: string; role: string; siteIds: readonly string[] },
): Promise<{ mappingId: string; municipalityId: string }> {
  if (!isRole(input.role)) throw new AppError("invalid_role");
  const siteIds = [...new Set(input.siteIds.map((id) => id.toLowerCase()))];
  const wellFormed = siteIds.every((id) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id),
  );
  const known = wellFormed ? await findSitesByIds(db, siteIds) : [];
  const unknown = siteIds.filter(
    (id) => !known.some((site) => site.id === id && site.municipalityId === input.municipalityId),
  );
  if (unknown.length)
    throw new AppError("unknown_site", `No site has the id ${unknown.join(", ")}.`);
  const mappingId = await upsertRoleMapping(db, {
    municipalityId: input.municipalityId,
    id: newId(),
    group: checkText(input.group, "The group", 500),
    role: input.role,
    // An admin sees every site: sites on an admin rule would only mislead.
    siteIds: input.role === "admin" ? [] : siteIds,
  });
  return { mappingId, municipalityId: input.municipalityId };
}

export async function removeRoleMapping(
  db: Queryable,
  municipalityId: string,
  mappingId: string,
): Promise<{ mappingId: string; municipalityId: string }> {
  if (!(await deleteRoleMapping(db, municipalityId, mappingId))) {
    throw new AppError("not_found", `No mapping rule has the id ${mappingId}.`);
  }
  return { mappingId, municipalityId };
}

export type SsoSettingsView = Omit<SsoAdminView, "redirectUri" | "saml">;

export async function describeSso(db: Queryable, municipalityId: string): Promise<SsoSettingsView> {
  const [providers, mappings, passwordLogin] = await Promise.all([
    listSsoProviders(db, municipalityId),
    listRoleMappings(db, municipalityId),
    passwordLoginForAll(db, municipalityId),
  ]);
  return {
    municipalityId,
    providers: providers.map(
      ({ clientSecretSealed, municipalityId: _m, updatedAt: _u, ...view }) => ({
        ...view,
        hasClientSecret: clientSecretSealed !== null,
      }),
    ),
    mappings,
    passwordLoginForAll: passwordLogin,
  };
}

/**
 * Password log-in for non-admins. Turning it off needs a working way in: an enabled provider
 * and at least one mapping rule (admins keep their password either way: break-glass).
 */
export async function setPasswordLogin(
  db: Queryable,
  municipalityId: string,
  on: boolean,
): Promise<{ municipalityId: string; passwordLoginForAll: boolean }> {
  if (!on) {
    const settings = await describeSso(db, municipalityId);
    if (
      !settings.providers.some((provider) => provider.enabled) ||
      settings.mappings.length === 0
    ) {
      throw invalid(
        "Set up an enabled identity provider and at least one mapping rule before turning password log-in off.",
      );
    }
  }
  await setPasswordLoginForAll(db, municipalityId, on);
  return { municipalityId, passwordLoginForAll: on };
}
