import type { Queryable } from "../db.ts";

/** The verifiers of every fingerprint key the database has seen, by key id. */
export async function listKeyVerifiers(db: Queryable): Promise<Map<number, Buffer>> {
  const result = await db.query<{ id: number; verifier: Buffer }>(
    "select id, verifier from fingerprint_keys order by id",
  );
  return new Map(result.rows.map((row) => [row.id, row.verifier]));
}

/** Records the verifiers of keys not yet known; ones already recorded are left as they are. */
export async function insertKeyVerifiers(
  db: Queryable,
  keys: readonly { id: number; verifier: Buffer }[],
): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    `insert into fingerprint_keys (id, verifier)
     select * from unnest($1::smallint[], $2::bytea[])
     on conflict (id) do nothing`,
    [keys.map((key) => key.id), keys.map((key) => key.verifier)],
  );
}
