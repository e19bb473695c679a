import type { Queryable } from "../db.ts";

/**
 * The SQL of retention (retention/run-retention.ts): what each municipality keeps, and the
 * set-based statements that remove the rest from responses. Rollups are never touched.
 */

export type RetentionPolicy = {
  municipalityId: string;
  textDays: number;
  responseYears: number;
  auditDays: number;
};

export async function listRetentionPolicies(db: Queryable): Promise<RetentionPolicy[]> {
  const result = await db.query<RetentionPolicy>(
    `select id as "municipalityId", retention_text_days as "textDays",
            retention_response_years as "responseYears", retention_audit_days as "auditDays"
     from municipalities order by id`,
  );
  return result.rows;
}

export async function setRetentionPolicy(
  db: Queryable,
  municipalityId: string,
  policy: { textDays?: number; responseYears?: number; auditDays?: number },
): Promise<void> {
  await db.query(
    `update municipalities
     set retention_text_days = coalesce($2, retention_text_days),
         retention_response_years = coalesce($3, retention_response_years),
         retention_audit_days = coalesce($4, retention_audit_days)
     where id = $1`,
    [
      municipalityId,
      policy.textDays ?? null,
      policy.responseYears ?? null,
      policy.auditDays ?? null,
    ],
  );
}

/** Clears free text older than each municipality's limit (by the interview's local date). */
export async function clearExpiredText(db: Queryable, today: string): Promise<Map<string, number>> {
  const result = await db.query<{ municipalityId: string; n: number }>(
    `with cleared as (
       update responses r set improve_text = null
       from municipalities m
       where r.municipality_id = m.id and r.improve_text is not null
         and r.local_date < $1::date - m.retention_text_days
       returning r.municipality_id
     )
     select municipality_id as "municipalityId", count(*)::int as n from cleared group by 1`,
    [today],
  );
  return new Map(result.rows.map((row) => [row.municipalityId, row.n]));
}

/**
 * Drops the monthly partitions every municipality is done with (older than the longest
 * limit), then deletes, per municipality, the rows older than its own limit that are left.
 * Ids are UUIDv7 of the interview's start, so "older than" is an id range (partition-pruned).
 */
export async function removeExpiredResponses(
  db: Queryable,
  now: Date,
): Promise<{ partitions: string[]; removed: Map<string, number> }> {
  const dropped = await db.query<{ partition: string; municipalityId: string; n: number }>(
    `select partition_name as partition, municipality_id as "municipalityId", row_count::int as n
     from drop_response_partitions_before($1::timestamptz
            - make_interval(years => (select coalesce(max(retention_response_years), 100)
                                      from municipalities)))`,
    [now],
  );
  const deleted = await db.query<{ municipalityId: string; n: number }>(
    `with removed as (
       delete from responses r
       using municipalities m
       where r.municipality_id = m.id
         and r.id < uuidv7_floor($1::timestamptz - make_interval(years => m.retention_response_years))
       returning r.municipality_id
     )
     select municipality_id as "municipalityId", count(*)::int as n from removed group by 1`,
    [now],
  );
  // Local answers go with their responses: the same UUIDv7 range (they have no foreign key to
  // responses, whose partitions are dropped whole above).
  await db.query(
    `delete from local_answers l
     using municipalities m
     where l.municipality_id = m.id
       and l.response_id < uuidv7_floor($1::timestamptz - make_interval(years => m.retention_response_years))`,
    [now],
  );
  const removed = new Map<string, number>();
  for (const row of [...dropped.rows, ...deleted.rows])
    removed.set(row.municipalityId, (removed.get(row.municipalityId) ?? 0) + row.n);
  return { partitions: [...new Set(dropped.rows.map((row) => row.partition))], removed };
}
