import { newId } from "../../shared/ids.ts";
import type { Queryable } from "../db.ts";

export type Site = { municipalityId: string; id: string; name: string; timezone: string };

const siteColumns = `municipality_id as "municipalityId", id, name, timezone`;

export async function insertSite(
  db: Queryable,
  site: { municipalityId: string; name: string; timezone: string },
): Promise<Site | undefined> {
  const result = await db.query<Site>(
    `insert into sites (municipality_id, id, name, timezone) values ($1, $2, $3, $4)
     on conflict (municipality_id, name) do nothing
     returning ${siteColumns}`,
    [site.municipalityId, newId(), site.name.trim(), site.timezone],
  );
  return result.rows[0];
}

export async function findSitesByIds(db: Queryable, ids: readonly string[]): Promise<Site[]> {
  const result = await db.query<Site>(
    `select ${siteColumns} from sites where id = any($1::uuid[])`,
    [ids],
  );
  return result.rows;
}

export async function isKnownTimezone(db: Queryable, timezone: string): Promise<boolean> {
  const result = await db.query("select 1 from pg_timezone_names where name = $1", [timezone]);
  return (result.rowCount ?? 0) > 0;
}

export async function updateOpeningHours(
  db: Queryable,
  site: { municipalityId: string; id: string },
  openingHours: object,
): Promise<void> {
  await db.query("update sites set opening_hours = $3 where municipality_id = $1 and id = $2", [
    site.municipalityId,
    site.id,
    JSON.stringify(openingHours),
  ]);
}

/** A site of the given municipality, or undefined (another municipality's site is "unknown"). */
export async function findSiteInMunicipality(
  db: Queryable,
  municipalityId: string,
  siteId: string,
): Promise<Site | undefined> {
  const result = await db.query<Site>(
    `select ${siteColumns} from sites where municipality_id = $1 and id = $2`,
    [municipalityId, siteId],
  );
  return result.rows[0];
}

/** Names of a municipality's sites by id (labels for breakdowns and exports). */
export async function siteNamesOf(
  db: Queryable,
  municipalityId: string,
): Promise<Map<string, string>> {
  const result = await db.query<{ id: string; name: string }>(
    "select id, name from sites where municipality_id = $1",
    [municipalityId],
  );
  return new Map(result.rows.map((row) => [row.id, row.name]));
}

/** A site's central kiosk settings as stored: the chosen values and the facts kiosks need. */
export type SiteKioskSettingsRow = {
  version: number;
  values: unknown;
  timezone: string;
  openingHours: unknown;
};

export async function findSiteKioskSettings(
  db: Queryable,
  site: { municipalityId: string; id: string },
): Promise<SiteKioskSettingsRow | undefined> {
  const result = await db.query<SiteKioskSettingsRow>(
    `select kiosk_settings_version as version, kiosk_settings as values, timezone,
            opening_hours as "openingHours"
     from sites where municipality_id = $1 and id = $2`,
    [site.municipalityId, site.id],
  );
  return result.rows[0];
}

/** Replaces the chosen values (checked by the caller); the trigger bumps the version. */
export async function updateKioskSettings(
  db: Queryable,
  site: { municipalityId: string; id: string },
  values: object,
): Promise<SiteKioskSettingsRow | undefined> {
  const result = await db.query<SiteKioskSettingsRow>(
    `update sites set kiosk_settings = $3 where municipality_id = $1 and id = $2
     returning kiosk_settings_version as version, kiosk_settings as values, timezone,
               opening_hours as "openingHours"`,
    [site.municipalityId, site.id, JSON.stringify(values)],
  );
  return result.rows[0];
}
