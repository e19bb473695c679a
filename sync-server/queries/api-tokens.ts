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
  },
): Promise<void> {
  await db.query(
    `with new_token as (
       insert into api_tokens (municipality_id, id, role, token_hash, label)
       values ($1, $2, $3, $4, $5)
       returning municipality_id, id
     )
     insert into api_token_sites (municipality_id, token_id, site_id)
     select new_token.municipality_id, new_token.id, site_id
     from new_token, unnest($6::uuid[]) as site_id`,
    [token.municipalityId, token.id, token.role, token.tokenHash, token.label, token.siteIds],
  );
}
