import { newId } from "../../shared/ids.ts";
import type { Queryable } from "../db.ts";

export type Municipality = { id: string; name: string };

export async function findOrCreateMunicipality(db: Queryable, name: string): Promise<Municipality> {
  // The no-op update makes RETURNING yield the existing row on conflict.
  const result = await db.query<Municipality>(
    `insert into municipalities (id, name) values ($1, $2)
     on conflict (name) do update set name = excluded.name
     returning id, name`,
    [newId(), name.trim()],
  );
  return result.rows[0] as Municipality;
}

export async function findMunicipalityByName(
  db: Queryable,
  name: string,
): Promise<Municipality | undefined> {
  const result = await db.query<Municipality>(
    "select id, name from municipalities where name = $1",
    [name.trim()],
  );
  return result.rows[0];
}

export async function listMunicipalities(db: Queryable): Promise<Municipality[]> {
  const result = await db.query<Municipality>("select id, name from municipalities order by name");
  return result.rows;
}

/**
 * Removes a municipality and everything it owns, children first. Used to replace the demo;
 * the foreign keys make this fail loudly if a new table is forgotten here.
 */
export async function deleteMunicipality(db: Queryable, id: string): Promise<void> {
  for (const table of [
    "responses",
    "targets",
    "audit_log",
    "rollup_municipality_daily",
    "rollup_site_daily",
    "rollup_kiosk_daily",
    "rollup_hourly",
    "rollup_local_daily",
    "rollup_local_all_daily",
    "local_answers",
    "local_question_answers",
    "local_question_versions",
    "local_questions",
    "sessions",
    "sso_login_attempts",
    "sso_identities",
    "sso_role_mapping_sites",
    "sso_role_mappings",
    "sso_providers",
    "kiosk_health",
    "api_token_sites",
    "api_tokens",
    "user_sites",
    "users",
    "kiosks",
    "sites",
  ]) {
    await db.query(`delete from ${table} where municipality_id = $1`, [id]);
  }
  await db.query("delete from municipalities where id = $1", [id]);
}

/** The municipality's disclosure limit k (migration 0008; 5 unless an admin changed it). */
export async function disclosureLimitOf(db: Queryable, municipalityId: string): Promise<number> {
  const result = await db.query<{ k: number }>(
    "select disclosure_k as k from municipalities where id = $1",
    [municipalityId],
  );
  const k = result.rows[0]?.k;
  if (k === undefined) throw new Error(`municipality ${municipalityId} does not exist`);
  return k;
}

/** Sets k (the table's check keeps it within 3–10); returns the previous value. */
export async function setDisclosureLimit(
  db: Queryable,
  municipalityId: string,
  k: number,
): Promise<number | undefined> {
  const result = await db.query<{ previous: number }>(
    `update municipalities m set disclosure_k = $2
     from (select disclosure_k as previous from municipalities where id = $1) old
     where m.id = $1 returning old.previous`,
    [municipalityId, k],
  );
  return result.rows[0]?.previous;
}

/** Whether people other than admins may log in with a password (migration 0018). */
export async function passwordLoginForAll(db: Queryable, municipalityId: string): Promise<boolean> {
  const result = await db.query<{ on: boolean }>(
    `select password_login_for_all as "on" from municipalities where id = $1`,
    [municipalityId],
  );
  return result.rows[0]?.on ?? true;
}

export async function setPasswordLoginForAll(
  db: Queryable,
  municipalityId: string,
  on: boolean,
): Promise<void> {
  await db.query("update municipalities set password_login_for_all = $2 where id = $1", [
    municipalityId,
    on,
  ]);
}
