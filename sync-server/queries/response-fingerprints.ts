import type { Queryable } from "../db.ts";

/**
 * The responses table's fingerprints, for the one-off re-keying of rows stored before keys
 * existed (ingest/rekey-fingerprints.ts). Kept apart from responses.ts, which is the hot path.
 */

export type UnkeyedRow = { municipalityId: string; id: string; digest: string };

/** The next rows whose content_hash is still a bare digest, in key order after `after`. */
export async function listUnkeyedResponses(
  db: Queryable,
  after: { municipalityId: string; id: string } | null,
  limit: number,
): Promise<UnkeyedRow[]> {
  const result = await db.query<UnkeyedRow>(
    `select municipality_id as "municipalityId", id, encode(content_hash, 'hex') as digest
     from responses
     where content_key is null
       and ($1::uuid is null or (municipality_id, id) > ($1::uuid, $2::uuid))
     order by municipality_id, id
     limit $3`,
    [after?.municipalityId ?? null, after?.id ?? null, limit],
  );
  return result.rows;
}

/**
 * Replaces bare digests by their keyed fingerprints, in one statement. Only rows still unkeyed
 * are touched, so two servers re-keying at once (or a re-run) cannot key a row twice.
 */
export async function setKeyedFingerprints(
  db: Queryable,
  keyId: number,
  rows: readonly { municipalityId: string; id: string; fingerprint: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `update responses r
     set content_hash = decode(v.fingerprint, 'hex'), content_key = $1
     from unnest($2::uuid[], $3::uuid[], $4::text[]) as v(municipality_id, id, fingerprint)
     where r.municipality_id = v.municipality_id and r.id = v.id and r.content_key is null`,
    [
      keyId,
      rows.map((row) => row.municipalityId),
      rows.map((row) => row.id),
      rows.map((row) => row.fingerprint),
    ],
  );
  return result.rowCount ?? 0;
}
