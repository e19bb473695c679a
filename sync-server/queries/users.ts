import type { Role } from "../../shared/roles.ts";
import type { Queryable } from "../db.ts";

/**
 * Inserts a user with their site grants in one statement. E-mail is the log-in name, so it must
 * be unique across municipalities; the guard makes the insert a no-op (undefined) when taken.
 */
export async function insertUser(
  db: Queryable,
  user: {
    municipalityId: string;
    id: string;
    email: string;
    role: Role;
    passwordHash: string;
    siteIds: readonly string[];
  },
): Promise<string | undefined> {
  const result = await db.query<{ id: string }>(
    `with new_user as (
       insert into users (municipality_id, id, email, role, password_hash)
       select $1, $2, $3, $4, $5
       where not exists (select 1 from users where email = $3)
       returning municipality_id, id
     ), grants as (
       insert into user_sites (municipality_id, user_id, site_id)
       select new_user.municipality_id, new_user.id, site_id
       from new_user, unnest($6::uuid[]) as site_id
     )
     select id from new_user`,
    [user.municipalityId, user.id, user.email, user.role, user.passwordHash, user.siteIds],
  );
  return result.rows[0]?.id;
}
