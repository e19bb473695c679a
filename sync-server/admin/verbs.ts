import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import { isRole, type Role } from "../../shared/roles.ts";
import { inTransaction, type Pool, type Queryable } from "../db.ts";
import { insertApiToken } from "../queries/api-tokens.ts";
import { countKiosksAtSite, insertKiosk, revokeKiosk } from "../queries/kiosks.ts";
import {
  findMunicipalityByName,
  findOrCreateMunicipality,
  listMunicipalities,
  type Municipality,
} from "../queries/municipalities.ts";
import { findSitesByIds, insertSite, isKnownTimezone, type Site } from "../queries/sites.ts";
import { insertUser } from "../queries/users.ts";
import { generatePassword, hashPassword, makeToken } from "../secrets.ts";
import { expiryFrom } from "./token-verbs.ts";

/** The administration tasks, shared by the CLI, the demo and (later) the admin pages. */

export async function addSite(
  pool: Pool,
  input: { name: string; municipality?: string | undefined; timezone?: string | undefined },
): Promise<{ siteId: string; municipalityId: string }> {
  const timezone = input.timezone ?? "Europe/Copenhagen";
  if (!(await isKnownTimezone(pool, timezone))) {
    throw new AppError(
      "invalid_timezone",
      `"${timezone}" is not a known IANA time zone (e.g. Europe/Copenhagen).`,
    );
  }
  return inTransaction(pool, async (client) => {
    const municipality = input.municipality
      ? await findOrCreateMunicipality(client, input.municipality)
      : await onlyMunicipality(client);
    const site = await insertSite(client, {
      municipalityId: municipality.id,
      name: input.name,
      timezone,
    });
    if (!site) {
      throw new AppError(
        "duplicate_site",
        `${municipality.name} already has a site named "${input.name.trim()}".`,
      );
    }
    return { siteId: site.id, municipalityId: municipality.id };
  });
}

/** Without --municipality: the one municipality there is; with none or several, ask. */
export async function onlyMunicipality(db: Queryable): Promise<Municipality> {
  const all = await listMunicipalities(db);
  if (all.length === 1 && all[0]) return all[0];
  const known = all.map((m) => `"${m.name}"`).join(", ");
  throw new AppError(
    "municipality_required",
    all.length === 0
      ? 'There is no municipality yet: name one with --municipality "<name>" (it is created).'
      : `Several municipalities exist (${known}): say which with --municipality "<name>".`,
  );
}

export async function requireSites(db: Queryable, siteIds: readonly string[]): Promise<Site[]> {
  const unique = [...new Set(siteIds)];
  const malformed = unique.filter((id) => !/^[0-9a-f-]{36}$/i.test(id));
  const sites = malformed.length ? [] : await findSitesByIds(db, unique);
  const missing = unique.filter((id) => !sites.some((site) => site.id === id.toLowerCase()));
  if (missing.length)
    throw new AppError("unknown_site", `No site has the id ${missing.join(", ")}.`);
  return sites;
}

/** The municipality a grant belongs to: that of its sites, else --municipality, else the only one. */
export async function grantMunicipality(
  db: Queryable,
  sites: Site[],
  municipalityName: string | undefined,
): Promise<string> {
  const fromSites = new Set(sites.map((site) => site.municipalityId));
  if (fromSites.size > 1) throw new AppError("sites_span_municipalities");
  const [siteMunicipality] = fromSites;
  if (municipalityName) {
    const named = await findMunicipalityByName(db, municipalityName);
    if (!named)
      throw new AppError("unknown_municipality", `No municipality is named "${municipalityName}".`);
    if (siteMunicipality && siteMunicipality !== named.id)
      throw new AppError("sites_span_municipalities");
    return named.id;
  }
  return siteMunicipality ?? (await onlyMunicipality(db)).id;
}

export async function addKiosk(
  pool: Pool,
  input: { siteId: string; name?: string | undefined },
): Promise<{ kioskId: string; municipalityId: string; siteId: string; token: string }> {
  const [site] = await requireSites(pool, [input.siteId]);
  if (!site) throw new AppError("unknown_site");
  const kioskId = newId();
  const { token, hash } = makeToken("bpk", kioskId);
  const name =
    input.name ?? `Kiosk ${(await countKiosksAtSite(pool, site.municipalityId, site.id)) + 1}`;
  await insertKiosk(pool, {
    municipalityId: site.municipalityId,
    id: kioskId,
    siteId: site.id,
    name,
    tokenHash: hash,
  });
  return { kioskId, municipalityId: site.municipalityId, siteId: site.id, token };
}

export async function revokeKioskById(
  pool: Pool,
  kioskId: string,
): Promise<{ kioskId: string; municipalityId: string; revokedAt: string }> {
  const kiosk = /^[0-9a-f-]{36}$/i.test(kioskId) ? await revokeKiosk(pool, kioskId) : undefined;
  if (!kiosk?.revokedAt) throw new AppError("unknown_kiosk", `No kiosk has the id ${kioskId}.`);
  return {
    kioskId: kiosk.id,
    municipalityId: kiosk.municipalityId,
    revokedAt: kiosk.revokedAt.toISOString(),
  };
}

export async function addUser(
  pool: Pool,
  input: {
    email: string;
    role: string;
    siteIds: readonly string[];
    municipality?: string | undefined;
    password?: string | undefined;
  },
): Promise<{
  userId: string;
  municipalityId: string;
  email: string;
  role: Role;
  password?: string;
}> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError("invalid_email", `"${input.email}" is not a valid e-mail address.`);
  const role = requireRole(input.role);
  if (input.password !== undefined && input.password.length < 12)
    throw new AppError("weak_password");
  const sites = await requireSites(pool, input.siteIds);
  const municipalityId = await grantMunicipality(pool, sites, input.municipality);
  const password = input.password ?? generatePassword();
  const userId = await insertUser(pool, {
    municipalityId,
    id: newId(),
    email,
    role,
    passwordHash: await hashPassword(password),
    // An admin sees every site of the municipality; site grants would only mislead.
    siteIds: role === "admin" ? [] : sites.map((site) => site.id),
  });
  if (!userId)
    throw new AppError(
      "duplicate_email",
      `This municipality already has a user with the e-mail ${email}.`,
    );
  const created = { userId, municipalityId, email, role };
  return input.password === undefined ? { ...created, password } : created;
}

export async function addApiToken(
  pool: Pool,
  input: {
    role: string;
    siteIds: readonly string[];
    municipality?: string | undefined;
    label?: string | undefined;
    /** `90d`, `12h`, `2w`; absent: until revoked. */
    expiresIn?: string | undefined;
  },
): Promise<{
  tokenId: string;
  municipalityId: string;
  role: Role;
  token: string;
  expiresAt: string | null;
}> {
  const role = requireRole(input.role);
  if (role === "admin")
    throw new AppError("invalid_role", "API tokens are for the chief or analyst role.");
  const expiresAt = input.expiresIn === undefined ? null : expiryFrom(input.expiresIn);
  const sites = await requireSites(pool, input.siteIds);
  const municipalityId = await grantMunicipality(pool, sites, input.municipality);
  const tokenId = newId();
  const { token, hash } = makeToken("bpt", tokenId);
  await insertApiToken(pool, {
    municipalityId,
    id: tokenId,
    role,
    tokenHash: hash,
    label: input.label ?? null,
    siteIds: sites.map((site) => site.id),
    expiresAt,
  });
  return { tokenId, municipalityId, role, token, expiresAt: expiresAt?.toISOString() ?? null };
}

function requireRole(value: string): Role {
  if (!isRole(value))
    throw new AppError("invalid_role", `Role must be admin, chief or analyst, not "${value}".`);
  return value;
}
