import { questions, questionsOf } from "../../shared/questionnaire.ts";
import type { Queryable } from "../db.ts";
import {
  addExcluded,
  answeredAnything,
  answeredAnythingOf,
  countColumns,
  countColumnsOf,
  countsFromResponses,
  sumsOf,
  sumsOfBatch,
} from "./rollup-columns.ts";
import { rebuildLocalRollups } from "./rollup-local-daily.ts";

/**
 * CTEs that add a batch of just-inserted responses to the four rollups. `source` names an
 * earlier CTE with the responses' columns (the INSERT … RETURNING of insertResponses), so the
 * rows are counted as they are written instead of being looked up again across every monthly
 * partition. The batch is aggregated once (by kiosk, day, hour and suspect) and re-grouped per
 * table; rows are upserted in key order, so concurrent batches lock shared rows in the same
 * order and wait for each other rather than deadlock. Constant SQL: nothing comes from input.
 */
export function rollupUpsertCtes(source: string): string {
  if (!/^[a-z_]+$/.test(source)) throw new Error(`not a CTE name: ${source}`);
  return `batch_counts (municipality_id, site_id, kiosk_id, local_date, local_hour, suspect,
                        ${countColumns}) as (
       select municipality_id, site_id, kiosk_id, local_date, local_hour, suspect, ${countsFromResponses}
       from ${source}
       where ${answeredAnything}
       group by municipality_id, site_id, kiosk_id, local_date, local_hour, suspect
     ), municipality_day as (
       insert into rollup_municipality_daily as t (municipality_id, local_date, suspect, ${countColumns})
       select municipality_id, local_date, suspect, ${sumsOfBatch}
       from batch_counts group by municipality_id, local_date, suspect
       order by municipality_id, local_date, suspect
       on conflict (municipality_id, local_date, suspect) do update set ${addExcluded}
     ), site_day as (
       insert into rollup_site_daily as t (municipality_id, site_id, local_date, suspect, ${countColumns})
       select municipality_id, site_id, local_date, suspect, ${sumsOfBatch}
       from batch_counts group by municipality_id, site_id, local_date, suspect
       order by municipality_id, site_id, local_date, suspect
       on conflict (municipality_id, site_id, local_date, suspect) do update set ${addExcluded}
     ), kiosk_day as (
       insert into rollup_kiosk_daily as t
         (municipality_id, site_id, kiosk_id, local_date, suspect, ${countColumns})
       select municipality_id, site_id, kiosk_id, local_date, suspect, ${sumsOfBatch}
       from batch_counts group by municipality_id, site_id, kiosk_id, local_date, suspect
       order by municipality_id, site_id, kiosk_id, local_date, suspect
       on conflict (municipality_id, site_id, kiosk_id, local_date, suspect) do update set ${addExcluded}
     ), hour_day as (
       insert into rollup_hourly as t
         (municipality_id, site_id, local_date, local_hour, suspect, ${countColumns})
       select municipality_id, site_id, local_date, local_hour, suspect, ${sumsOfBatch}
       from batch_counts group by municipality_id, site_id, local_date, local_hour, suspect
       order by municipality_id, site_id, local_date, local_hour, suspect
       on conflict (municipality_id, site_id, local_date, local_hour, suspect) do update set ${addExcluded}
     )`;
}

/**
 * Rebuilds every rollup from the raw responses, set-based (one statement per table). For bulk
 * loads that bypass storeResponses (the benchmark) and as a repair tool; the migration's
 * backfill does the same. `schemaOf` rebuilds a schema that has only an earlier questionnaire
 * version's columns (the upgrade test fills a previous release's database). The local
 * questions' rollup is rebuilt with them.
 */
export async function rebuildRollups(db: Queryable, schemaOf?: number): Promise<void> {
  const asked = schemaOf === undefined ? questions : questionsOf(schemaOf);
  const counted = countColumnsOf(asked);
  const columns = counted.map((column) => column.name).join(", ");
  const counts = counted.map((column) => column.fromResponses).join(", ");
  const answered = answeredAnythingOf(asked);
  await db.query("truncate rollup_site_daily, rollup_kiosk_daily, rollup_hourly");
  await db.query(
    `insert into rollup_site_daily (municipality_id, site_id, local_date, suspect, ${columns})
     select municipality_id, site_id, local_date, suspect, ${counts}
     from responses where ${answered}
     group by municipality_id, site_id, local_date, suspect`,
  );
  await db.query(
    `insert into rollup_kiosk_daily
       (municipality_id, site_id, kiosk_id, local_date, suspect, ${columns})
     select municipality_id, site_id, kiosk_id, local_date, suspect, ${counts}
     from responses where ${answered}
     group by municipality_id, site_id, kiosk_id, local_date, suspect`,
  );
  await db.query(
    `insert into rollup_hourly
       (municipality_id, site_id, local_date, local_hour, suspect, ${columns})
     select municipality_id, site_id, local_date, local_hour, suspect, ${counts}
     from responses where ${answered}
     group by municipality_id, site_id, local_date, local_hour, suspect`,
  );
  // A previous release's schema (schemaOf) has neither the all-sites nor the local rollups.
  if (schemaOf !== undefined) return;
  await db.query("truncate rollup_municipality_daily");
  await db.query(
    `insert into rollup_municipality_daily (municipality_id, local_date, suspect, ${columns})
     select municipality_id, local_date, suspect, ${sumsOf(counted)}
     from rollup_site_daily group by municipality_id, local_date, suspect`,
  );
  await rebuildLocalRollups(db);
}
