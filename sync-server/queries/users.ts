import type { Role } from "../../shared/roles.ts";
import type { Queryable } from "../db.ts";

/**
 * Inserts a user with their site grants in one statement; undefined when the municipality already
 * has a user with this e-mail. Other municipalities' users are neither seen nor blocked: one
 * municipality must not learn, or reserve, another's e-mails (the log-in tells accounts apart by
 * their password, see queries/sessions.ts).
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
       values ($1, $2, $3, $4, $5)
       on conflict (municipality_id, email) do nothing
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

/** The stored password hash of an enabled user, for "change my password". */
export async function findPasswordHash(
  db: Queryable,
  user: { municipalityId: string; id: string },
): Promise<string | undefined> {
  const result = await db.query<{ passwordHash: string }>(
    `select password_hash as "passwordHash" from users
     where municipality_id = $1 and id = $2 and disabled_at is null`,
    [user.municipalityId, user.id],
  );
  return result.rows[0]?.passwordHash;
}

/**
 * Sets a new password hash and ends the user's sessions, all or all but the one that asked,
 * in one statement. Returns the e-mail, or undefined when no such user in the municipality.
 */
export async function setPasswordHash(
  db: Queryable,
  user: { municipalityId: string; id: string },
  passwordHash: string,
  keepSessionId: string | null,
): Promise<string | undefined> {
  const result = await db.query<{ email: string }>(
    `with changed as (
       update users set password_hash = $3 where municipality_id = $1 and id = $2
       returning municipality_id, id, email
     ), logged_out as (
       delete from sessions s using changed
       where s.municipality_id = changed.municipality_id and s.user_id = changed.id
         and ($4::uuid is null or s.id <> $4)
     )
     select email from changed`,
    [user.municipalityId, user.id, passwordHash, keepSessionId],
  );
  return result.rows[0]?.email;
}
