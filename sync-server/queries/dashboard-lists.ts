import type { OpeningHours } from "../../shared/opening-hours.ts";
import type { Role } from "../../shared/roles.ts";
import type { Queryable } from "../db.ts";

/** Sites and kiosks as the dashboard and its admin pages list them, scoped to some sites. */

export type SiteDetails = {
  id: string;
  name: string;
  timezone: string;
  openingHours: OpeningHours;
  createdAt: Date;
};

export async function listSiteDetails(
  db: Queryable,
  municipalityId: string,
  siteIds: readonly string[] | null,
): Promise<SiteDetails[]> {
  const result = await db.query<SiteDetails>(
    `select id, name, timezone, opening_hours as "openingHours", created_at as "createdAt"
     from sites where municipality_id = $1 and ($2::uuid[] is null or id = any($2::uuid[]))
     order by name`,
    [municipalityId, siteIds],
  );
  return result.rows;
}

export type KioskDetails = {
  id: string;
  siteId: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
};

export async function listKioskDetails(
  db: Queryable,
  municipalityId: string,
  siteIds: readonly string[] | null,
): Promise<KioskDetails[]> {
  const result = await db.query<KioskDetails>(
    `select k.id, k.site_id as "siteId", k.name, k.created_at as "createdAt",
            k.revoked_at as "revokedAt"
     from kiosks k join sites s on s.municipality_id = k.municipality_id and s.id = k.site_id
     where k.municipality_id = $1 and ($2::uuid[] is null or k.site_id = any($2::uuid[]))
     order by s.name, k.name`,
    [municipalityId, siteIds],
  );
  return result.rows;
}

export type UserDetails = {
  id: string;
  email: string;
  role: Role;
  /** Empty: every site of the municipality. */
  siteIds: string[];
  disabled: boolean;
  createdAt: Date;
};

export async function listUsers(db: Queryable, municipalityId: string): Promise<UserDetails[]> {
  const result = await db.query<UserDetails>(
    `select u.id, u.email, u.role, u.disabled_at is not null as disabled, u.created_at as "createdAt",
            coalesce((select array_agg(us.site_id order by us.site_id) from user_sites us
                      where us.municipality_id = u.municipality_id and us.user_id = u.id),
                     '{}') as "siteIds"
     from users u where u.municipality_id = $1 order by u.email`,
    [municipalityId],
  );
  return result.rows;
}

/** Renames a site and/or changes its zone or opening hours; undefined when not the municipality's. */
export async function updateSite(
  db: Queryable,
  site: { municipalityId: string; id: string },
  changes: {
    name?: string | undefined;
    timezone?: string | undefined;
    openingHours?: OpeningHours | undefined;
  },
): Promise<boolean> {
  const result = await db.query(
    `update sites set name = coalesce($3, name), timezone = coalesce($4, timezone),
                      opening_hours = coalesce($5::jsonb, opening_hours)
     where municipality_id = $1 and id = $2`,
    [
      site.municipalityId,
      site.id,
      changes.name?.trim() ?? null,
      changes.timezone ?? null,
      changes.openingHours ? JSON.stringify(changes.openingHours) : null,
    ],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Changes a user's role, site grants and/or disabled state in one statement. Grants are
 * replaced when siteIds is given (an admin keeps none: they see every site; [] means all). Disabling also
 * ends the user's sessions. False when no such user in the municipality.
 */
export async function updateUser(
  db: Queryable,
  user: { municipalityId: string; id: string },
  changes: {
    role?: Role | undefined;
    siteIds?: readonly string[] | undefined;
    disabled?: boolean | undefined;
  },
): Promise<boolean> {
  const result = await db.query<{ id: string }>(
    `with changed as (
       update users set role = coalesce($3, role),
                        disabled_at = case when $5::boolean is null then disabled_at
                                           when $5 then coalesce(disabled_at, now()) else null end
       where municipality_id = $1 and id = $2
       returning municipality_id, id, role
     ), dropped as (
       delete from user_sites us using changed
       where us.municipality_id = changed.municipality_id and us.user_id = changed.id
         and (changed.role = 'admin' or ($4::uuid[] is not null and us.site_id <> all ($4::uuid[])))
     ), granted as (
       insert into user_sites (municipality_id, user_id, site_id)
       select changed.municipality_id, changed.id, site_id
       from changed, unnest($4::uuid[]) as site_id where changed.role <> 'admin'
       -- Both run on one snapshot: grants kept are skipped here rather than deleted above.
       on conflict do nothing
     ), logged_out as (
       delete from sessions s using changed
       where $5::boolean and s.municipality_id = changed.municipality_id and s.user_id = changed.id
     )
     select id from changed`,
    [
      user.municipalityId,
      user.id,
      changes.role ?? null,
      changes.siteIds ?? null,
      changes.disabled ?? null,
    ],
  );
  return result.rows.length > 0;
}
