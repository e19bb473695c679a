import type { Queryable } from "../db.ts";

/**
 * Keeps monthly response partitions ready a year ahead (and three years back, for late or
 * imported data). Cheap when they exist; run at start and daily.
 */
export async function ensureResponsePartitions(db: Queryable): Promise<number> {
  const result = await db.query<{ created: number }>(
    `select ensure_response_partitions((now() - interval '36 months')::date,
                                       (now() + interval '12 months')::date) as created`,
  );
  return result.rows[0]?.created ?? 0;
}

/** The monthly partitions from first through last month (a restore recreates a backup's). */
export async function ensureResponsePartitionsBetween(
  db: Queryable,
  firstMonth: string,
  lastMonth: string,
): Promise<number> {
  const result = await db.query<{ created: number }>(
    "select ensure_response_partitions($1::date, $2::date) as created",
    [firstMonth, lastMonth],
  );
  return result.rows[0]?.created ?? 0;
}
