import { readFile } from "node:fs/promises";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import { findMunicipalityByName, listMunicipalities } from "../queries/municipalities.ts";
import { maxMetadataBytes, setSamlProvider } from "../sso/saml/saml-settings.ts";
import {
  describeSso,
  removeRoleMapping,
  setOidcProvider,
  setPasswordLogin,
  setRoleMapping,
} from "../sso/sso-settings.ts";
import { grantMunicipality, onlyMunicipality, requireSites } from "./verbs.ts";

export const ssoUsage = `  sso oidc --issuer <url> --client-id <id> [--client-secret <secret>] [--groups-claim groups]
           [--scopes "openid email profile"] [--name "<shown on the log-in page>"]
           [--municipality "<name>"] [--disable]
           (the secret also from standard input; redirect URI: <PUBLIC_URL>/api/v1/sso/oidc/callback)
  sso saml --metadata <IdP metadata file> [--name "<shown on the log-in page>"]
           [--municipality "<name>"] [--disable]
           (again after the IdP changes keys; SP metadata for the IdP:
            <PUBLIC_URL>/api/v1/sso/saml/<providerId>/metadata)
  sso map --group <value> --role chief|analyst|admin [--site <siteId>]… [--municipality "<name>"]
           (no --site: every site; on each log-in role and sites are recomputed from the groups)
  sso unmap <mappingId> [--municipality "<name>"]
  sso list [--municipality "<name>"]
  sso password-login off|on [--municipality "<name>"]   (admins keep password log-in: break-glass)`;

/** The flags only sso verbs read (parsed with the others in cli.ts). */
export const ssoOptionSpec = {
  issuer: { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "groups-claim": { type: "string" },
  scopes: { type: "string" },
  group: { type: "string" },
  metadata: { type: "string" },
  disable: { type: "boolean" },
} as const;

export type SsoFlags = {
  issuer?: string;
  "client-id"?: string;
  "client-secret"?: string;
  "groups-claim"?: string;
  scopes?: string;
  group?: string;
  metadata?: string;
  disable?: boolean;
  name?: string;
  municipality?: string;
  site?: string[];
  role?: string;
};

export type SsoVerbContext = {
  /** The secret piped on standard input, when --client-secret is not given. */
  readSecret: () => Promise<string | undefined>;
  fingerprintKeys: () => Promise<FingerprintKeys>;
};

/** Also the audit log's action for each verb that changes something. */
export const ssoAuditedVerbs = {
  "sso oidc": "sso.provider_set",
  "sso saml": "sso.provider_set",
  "sso map": "sso.mapping_set",
  "sso unmap": "sso.mapping_removed",
  "sso password-login": "sso.password_login_set",
} as const;

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") {
    throw new AppError("invalid_sso_settings", `${flag} is required.`);
  }
  return value;
}

async function municipalityOf(pool: Pool, name: string | undefined) {
  if (name === undefined) return onlyMunicipality(pool);
  const found = await findMunicipalityByName(pool, name);
  if (!found) throw new AppError("unknown_municipality", `No municipality is named "${name}".`);
  return found;
}

async function readMetadataFile(file: string): Promise<string> {
  try {
    const bytes = await readFile(file);
    if (bytes.length > maxMetadataBytes) {
      throw new AppError("saml_invalid_metadata", `${file} is larger than 1 MiB.`);
    }
    return bytes.toString("utf8");
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("saml_invalid_metadata", `${file} cannot be read.`);
  }
}

export async function runSsoVerb(
  pool: Pool,
  verb: string,
  positionals: readonly string[],
  options: SsoFlags,
  context: SsoVerbContext,
): Promise<Record<string, unknown>> {
  switch (verb) {
    case "sso oidc": {
      const municipality = await municipalityOf(pool, options.municipality);
      const result = await setOidcProvider(pool, await context.fingerprintKeys(), {
        municipalityId: municipality.id,
        displayName: options.name ?? municipality.name,
        issuer: need(options.issuer, "--issuer"),
        clientId: need(options["client-id"], "--client-id"),
        clientSecret: options["client-secret"] ?? (await context.readSecret()),
        scopes: options.scopes,
        groupsClaim: options["groups-claim"],
        enabled: options.disable !== true,
      });
      return { ...result, id: result.providerId };
    }
    case "sso saml": {
      const municipality = await municipalityOf(pool, options.municipality);
      const file = need(options.metadata, "--metadata");
      const metadataXml = await readMetadataFile(file);
      const result = await setSamlProvider(pool, {
        municipalityId: municipality.id,
        displayName: options.name ?? municipality.name,
        metadataXml,
        enabled: options.disable !== true,
      });
      return {
        ...result,
        id: result.providerId,
        spMetadataPath: `/api/v1/sso/saml/${result.providerId}/metadata`,
      };
    }
    case "sso map": {
      const sites = await requireSites(pool, options.site ?? []);
      const municipalityId = await grantMunicipality(pool, sites, options.municipality);
      const result = await setRoleMapping(pool, {
        municipalityId,
        group: need(options.group, "--group"),
        role: need(options.role, "--role"),
        siteIds: sites.map((site) => site.id),
      });
      return { ...result, id: result.mappingId };
    }
    case "sso unmap": {
      const municipality = await municipalityOf(pool, options.municipality);
      const mappingId = need(positionals[0], "<mappingId>").toLowerCase();
      if (!/^[0-9a-f-]{36}$/.test(mappingId)) {
        throw new AppError("not_found", `No mapping rule has the id ${mappingId}.`);
      }
      const result = await removeRoleMapping(pool, municipality.id, mappingId);
      return { ...result, id: result.mappingId };
    }
    case "sso list": {
      const municipalities = options.municipality
        ? [await municipalityOf(pool, options.municipality)]
        : await listMunicipalities(pool);
      const settings = await Promise.all(
        municipalities.map(async (m) => ({
          municipality: m.name,
          ...(await describeSso(pool, m.id)),
        })),
      );
      return { municipalities: settings };
    }
    case "sso password-login": {
      const value = positionals[0];
      if (value !== "on" && value !== "off") {
        throw new AppError("invalid_sso_settings", "Say `sso password-login off` or `… on`.");
      }
      const municipality = await municipalityOf(pool, options.municipality);
      const result = await setPasswordLogin(pool, municipality.id, value === "on");
      return { ...result, id: municipality.id };
    }
    default:
      throw new AppError("invalid_sso_settings", `Unknown verb "${verb}".`);
  }
}
