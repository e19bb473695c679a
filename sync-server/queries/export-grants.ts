import type { Queryable } from "../db.ts";

/**
 * The exact_times grant (migration 0008) on users and api_tokens: whether responses.csv may
 * carry exact instants for them. Kept apart from users.ts/api-tokens.ts because it is the one
 * export setting of both tables.
 */
export type Grantee = {
  municipalityId: string;
  userId?: string | undefined;
  tokenId?: string | undefined;
};

export async function hasExactTimes(db: Queryable, who: Grantee): Promise<boolean> {
  const result = await db.query<{ granted: boolean }>(
    who.tokenId
      ? "select exact_times as granted from api_tokens where municipality_id = $1 and id = $2"
      : "select exact_times as granted from users where municipality_id = $1 and id = $2",
    [who.municipalityId, who.tokenId ?? who.userId ?? null],
  );
  return result.rows[0]?.granted === true;
}

/** Grants or withdraws; false when no such user/token is in the municipality. */
export async function setExactTimes(
  db: Queryable,
  who: Grantee,
  granted: boolean,
): Promise<boolean> {
  const result = await db.query(
    who.tokenId
      ? "update api_tokens set exact_times = $3 where municipality_id = $1 and id = $2"
      : "update users set exact_times = $3 where municipality_id = $1 and id = $2",
    [who.municipalityId, who.tokenId ?? who.userId ?? null, granted],
  );
  return (result.rowCount ?? 0) > 0;
}
