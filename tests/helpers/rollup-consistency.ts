import type { Queryable } from "../../sync-server/db.ts";
import { countColumns, countsFromResponses } from "../../sync-server/queries/rollup-columns.ts";

/**
 * Rows where the site rollup and the raw responses disagree (in either direction), per
 * municipality, site, local date and suspect flag. Empty means the rollups equal the raw rows.
 */
export async function rollupMismatches(db: Queryable): Promise<unknown[]> {
  const fromRollups = `select municipality_id, site_id, local_date, suspect, ${countColumns}
                       from rollup_site_daily where responses > 0`;
  const fromRaw = `select municipality_id, site_id, local_date, suspect, ${countsFromResponses}
                   from responses group by 1, 2, 3, 4`;
  const result = await db.query(
    `(${fromRollups} except all ${fromRaw}) union all (${fromRaw} except all ${fromRollups})`,
  );
  return result.rows;
}
