import type { Role } from "../../shared/roles.ts";
import type { Queryable } from "../db.ts";

export async function insertApiToken(
  db: Queryable,
  token: {
    municipalityId: string;
    id: string;
    role: Role;
    tokenHash: Buffer;
    label: string | null;
    siteIds: readonly string[];
    expiresAt: Date | null;
  },
): Promise<void> {
  await db.query(
    `with new_token as (
       insert into api_tokens (municipality_id, id, role, token_hash, label, expires_at)
       values ($1, $2, $3, $4, $5, $7)
       returning municipality_id, id
     )
     insert into api_token_sites (municipality_id, token_id, site_id)
     select new_token.municipality_id, new_token.id, site_id
     from new_token, unnest($6::uuid[]) as site_id`,
    [
      token.municipalityId,
      token.id,
      token.role,
      token.tokenHash,
      token.label,
      token.siteIds,
      token.expiresAt,
    ],
  );
}

export type ApiTokenDetails = {
  id: string;
  municipalityId: string;
  municipality: string;
  role: Role;
  label: string | null;
  /** Empty: every site of the municipality. */
  siteIds: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const detailsColumns = `t.id, t.municipality_id as "municipalityId", m.name as municipality, t.role,
  t.label, t.created_at as "createdAt", t.expires_at as "expiresAt",
  t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt",
  coalesce((select array_agg(ts.site_id order by ts.site_id) from api_token_sites ts
            where ts.municipality_id = t.municipality_id and ts.token_id = t.id), '{}') as "siteIds"`;

/** Tokens of one municipality, or of all (null: the CLI, run by the operator), newest first. */
export async function listApiTokens(
  db: Queryable,
  municipalityId: string | null,
): Promise<ApiTokenDetails[]> {
  const result = await db.query<ApiTokenDetails>(
    `select ${detailsColumns}
     from api_tokens t join municipalities m on m.id = t.municipality_id
     where $1::uuid is null or t.municipality_id = $1
     order by t.created_at desc, t.id`,
    [municipalityId],
  );
  return result.rows;
}

/** Revokes a token (now, or keeps the earlier time); undefined when not found in the scope. */
export async function revokeApiToken(
  db: Queryable,
  municipalityId: string | null,
  id: string,
): Promise<ApiTokenDetails | undefined> {
  const result = await db.query<ApiTokenDetails>(
    `with revoked as (
       update api_tokens set revoked_at = coalesce(revoked_at, now())
       where id = $2 and ($1::uuid is null or municipality_id = $1)
       returning *
     )
     select ${detailsColumns} from revoked t join municipalities m on m.id = t.municipality_id`,
    [municipalityId, id],
  );
  return result.rows[0];
}

/** Records a use; at most one write a minute per token, so reads do not become writes. */
export async function touchApiToken(db: Queryable, municipalityId: string, id: string) {
  await db.query(
    `update api_tokens set last_used_at = now()
     where municipality_id = $1 and id = $2
       and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [municipalityId, id],
  );
}
