import type { Role } from "../../shared/roles.ts";
import type { SsoRoleMappingView } from "../../shared/sso-contract.ts";
import type { Queryable } from "../db.ts";

export type SsoRoleMapping = SsoRoleMappingView;

const mappingSelect = `select m.id, m.group_value as "group", m.role,
    coalesce((select array_agg(s.site_id order by s.site_id) from sso_role_mapping_sites s
              where s.municipality_id = m.municipality_id and s.mapping_id = m.id), '{}') as "siteIds"
  from sso_role_mappings m`;

export async function listRoleMappings(
  db: Queryable,
  municipalityId: string,
): Promise<SsoRoleMapping[]> {
  const result = await db.query<SsoRoleMapping>(
    `${mappingSelect} where m.municipality_id = $1 order by m.group_value, m.role`,
    [municipalityId],
  );
  return result.rows;
}

/** The rules naming any of these groups (exact match: group ids and role URIs are case-exact). */
export async function findRoleMappingsForGroups(
  db: Queryable,
  municipalityId: string,
  groups: readonly string[],
): Promise<SsoRoleMapping[]> {
  const result = await db.query<SsoRoleMapping>(
    `${mappingSelect} where m.municipality_id = $1 and m.group_value = any($2::text[])`,
    [municipalityId, groups],
  );
  return result.rows;
}

/** Sets the rule for (group, role), replacing its sites, in one statement. Returns its id. */
export async function upsertRoleMapping(
  db: Queryable,
  mapping: { municipalityId: string; id: string; group: string; role: Role; siteIds: string[] },
): Promise<string> {
  const result = await db.query<{ id: string }>(
    `with rule as (
       insert into sso_role_mappings (municipality_id, id, group_value, role)
       values ($1, $2, $3, $4)
       on conflict (municipality_id, group_value, role) do update set group_value = excluded.group_value
       returning municipality_id, id
     ), dropped as (
       delete from sso_role_mapping_sites s using rule
       where s.municipality_id = rule.municipality_id and s.mapping_id = rule.id
         and s.site_id <> all ($5::uuid[])
     ), granted as (
       insert into sso_role_mapping_sites (municipality_id, mapping_id, site_id)
       select rule.municipality_id, rule.id, site_id from rule, unnest($5::uuid[]) as site_id
       on conflict do nothing
     )
     select id from rule`,
    [mapping.municipalityId, mapping.id, mapping.group, mapping.role, mapping.siteIds],
  );
  return (result.rows[0] as { id: string }).id;
}

/** Removes one rule; false when the municipality has no rule with that id. */
export async function deleteRoleMapping(
  db: Queryable,
  municipalityId: string,
  id: string,
): Promise<boolean> {
  const result = await db.query(
    "delete from sso_role_mappings where municipality_id = $1 and id = $2",
    [municipalityId, id],
  );
  return (result.rowCount ?? 0) > 0;
}
