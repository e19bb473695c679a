import type { Queryable } from "../db.ts";
import { type CountRow, countRows, type RollupScope, type SumsRow } from "./report-rollups.ts";
import {
  answeredAnything,
  countColumns,
  countsFromResponses,
  reportCountsFromResponses,
  reportSums,
  sumsOfBatch,
} from "./rollup-columns.ts";

/**
 * Reads of rollup_local_daily and rollup_local_all_daily (written with the answers,
 * local-answers.ts): the core counts of the citizens who gave each answer of one local question
 * version, per site or for all sites together.
 */

/**
 * Counts per answer code (key) of one version over a date range. All sites: the all-sites
 * rollup, a row per day and answer (a year is ~2 000 rows). Some sites: the site rollup, a row
 * per site, day and answer, in one index range. A kiosk: that kiosk's raw rows (the rollups
 * have no kiosk column; one kiosk's year is a few thousand answers), as the heatmap does.
 */
export async function countsByLocalAnswer(
  db: Queryable,
  scope: RollupScope,
  versionId: string,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const params = [scope.municipalityId, versionId, from, to, scope.siteIds, scope.includeSuspect];
  const result = scope.kioskId
    ? await db.query<SumsRow>(
        `select l.answer_code as key, ${reportCountsFromResponses}
         from local_answers l
         join responses r on r.municipality_id = l.municipality_id and r.id = l.response_id
         where l.municipality_id = $1 and l.version_id = $2 and r.local_date between $3 and $4
           and ($5::uuid[] is null or r.site_id = any($5::uuid[])) and (not r.suspect or $6)
           and r.kiosk_id = $7 and ${answeredAnything}
         group by l.answer_code`,
        [...params, scope.kioskId],
      )
    : scope.siteIds === null
      ? await db.query<SumsRow>(
          `select answer_code as key, ${reportSums}
           from rollup_local_all_daily
           where municipality_id = $1 and version_id = $2 and local_date between $3 and $4
             and (not suspect or $5)
           group by answer_code`,
          [scope.municipalityId, versionId, from, to, scope.includeSuspect],
        )
      : await db.query<SumsRow>(
          `select answer_code as key, ${reportSums}
         from rollup_local_daily
         where municipality_id = $1 and version_id = $2 and local_date between $3 and $4
           and ($5::uuid[] is null or site_id = any($5::uuid[])) and (not suspect or $6)
         group by answer_code`,
          params,
        );
  return countRows(result.rows);
}

/** Rebuilds rollup_local_daily from the stored answers (rebuildRollups calls it). */
export async function rebuildLocalRollups(db: Queryable): Promise<void> {
  await db.query("truncate rollup_local_daily, rollup_local_all_daily");
  await db.query(
    `insert into rollup_local_daily
       (municipality_id, site_id, local_date, suspect, version_id, answer_code, ${countColumns})
     select r.municipality_id, r.site_id, r.local_date, r.suspect, l.version_id, l.answer_code,
       ${countsFromResponses}
     from local_answers l
     join responses r on r.municipality_id = l.municipality_id and r.id = l.response_id
     where ${answeredAnything}
     group by r.municipality_id, l.version_id, r.local_date, r.site_id, l.answer_code, r.suspect`,
  );
  await db.query(
    `insert into rollup_local_all_daily
       (municipality_id, version_id, local_date, answer_code, suspect, ${countColumns})
     select municipality_id, version_id, local_date, answer_code, suspect, ${sumsOfBatch}
     from rollup_local_daily as batch
     group by municipality_id, version_id, local_date, answer_code, suspect`,
  );
}
