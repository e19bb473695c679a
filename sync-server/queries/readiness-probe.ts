import type { Queryable } from "../db.ts";

/**
 * One real write (table readiness_probe, migration 0007): a database that is read-only, or a
 * standby after failover, refuses it even though it still answers `select 1`.
 */
export async function probeWrite(db: Queryable): Promise<void> {
  await db.query(
    `insert into readiness_probe (id, checked_at) values (1, now())
     on conflict (id) do update set checked_at = excluded.checked_at`,
  );
}
