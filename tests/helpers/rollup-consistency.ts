import type { Queryable } from "../../sync-server/db.ts";
import {
  countColumns,
  countsFromResponses,
  sumsOfBatch,
} from "../../sync-server/queries/rollup-columns.ts";

/**
 * Rows where the site rollup and the raw responses disagree (in either direction), per
 * municipality, site, local date and suspect flag, and where the all-sites rollup is not the
 * site rollup summed. Empty means the rollups equal the raw rows.
 */
export async function rollupMismatches(db: Queryable): Promise<unknown[]> {
  const fromRollups = `select municipality_id, site_id, local_date, suspect, ${countColumns}
                       from rollup_site_daily where responses > 0`;
  const fromRaw = `select municipality_id, site_id, local_date, suspect, ${countsFromResponses}
                   from responses group by 1, 2, 3, 4`;
  // The all-sites rollup is the site rollup summed over sites, so it equals the raw rows too.
  const fromMunicipality = `select municipality_id, local_date, suspect, ${countColumns}
                            from rollup_municipality_daily where responses > 0`;
  const fromSites = `select municipality_id, local_date, suspect, ${sumsOfBatch}
                     from rollup_site_daily where responses > 0 group by 1, 2, 3`;
  const bySite = await db.query(
    `(${fromRollups} except all ${fromRaw}) union all (${fromRaw} except all ${fromRollups})`,
  );
  const allSites = await db.query(
    `(${fromMunicipality} except all ${fromSites}) union all (${fromSites} except all ${fromMunicipality})`,
  );
  return [...bySite.rows, ...allSites.rows];
}
