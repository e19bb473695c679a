import type { HeadlineCode } from "../../shared/headlines.ts";
import type { Queryable } from "../db.ts";

/** A target share per headline (table targets, migration 0008); siteId null = municipality-wide. */
export type TargetRecord = {
  siteId: string | null;
  headline: HeadlineCode;
  percent: number;
  setAt: Date;
};

/** The municipality's targets that apply to the given sites (null: all), plus its own ones. */
export async function listTargets(
  db: Queryable,
  municipalityId: string,
  siteIds: readonly string[] | null,
): Promise<TargetRecord[]> {
  const result = await db.query<TargetRecord>(
    `select site_id::text as "siteId", headline, percent::float8 as percent, set_at as "setAt"
     from targets
     where municipality_id = $1
       and (site_id is null or $2::uuid[] is null or site_id = any($2::uuid[]))
     order by site_id nulls first, headline`,
    [municipalityId, siteIds],
  );
  return result.rows;
}

/** Sets (or replaces) one target. */
export async function upsertTarget(
  db: Queryable,
  target: {
    municipalityId: string;
    siteId: string | null;
    headline: HeadlineCode;
    percent: number;
    setBy: string | null;
  },
): Promise<void> {
  await db.query(
    `insert into targets (municipality_id, site_id, headline, percent, set_by)
     values ($1, $2, $3, $4, $5)
     on conflict on constraint targets_key
     do update set percent = excluded.percent, set_by = excluded.set_by, set_at = now()`,
    [target.municipalityId, target.siteId, target.headline, target.percent, target.setBy],
  );
}

/** Removes one target; true when there was one. */
export async function deleteTarget(
  db: Queryable,
  target: { municipalityId: string; siteId: string | null; headline: HeadlineCode },
): Promise<boolean> {
  const result = await db.query(
    `delete from targets where municipality_id = $1 and site_id is not distinct from $2
       and headline = $3`,
    [target.municipalityId, target.siteId, target.headline],
  );
  return (result.rowCount ?? 0) > 0;
}
