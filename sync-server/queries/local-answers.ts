import type { Queryable } from "../db.ts";
import {
  addExcluded,
  answeredAnything,
  countColumns,
  countsFromResponses,
  sumsOfBatch,
} from "./rollup-columns.ts";

/** One citizen's answer to one local question version (the table local_answers). */
export type LocalAnswerRow = { responseId: string; versionId: string; answerCode: string };

/**
 * Stores the local answers of responses just inserted (same transaction, after
 * insertResponsesWithRollups) and adds them to rollup_local_daily and rollup_local_all_daily
 * (the same without the site), in one statement. Each
 * answer is counted with its response's core counts (the response's own row, read by its
 * primary key), so the rollup's headlines per answer are the core headlines of the citizens who
 * gave it; a response that is counted nowhere (answeredAnything) is counted nowhere here
 * either. Rows are upserted in key order, as the core rollups are, so concurrent batches wait
 * for each other rather than deadlock. Constant SQL; the values travel as arrays.
 */
export async function insertLocalAnswersWithRollups(
  db: Queryable,
  municipalityId: string,
  answers: readonly LocalAnswerRow[],
): Promise<void> {
  if (answers.length === 0) return;
  await db.query(
    `with stored as (
       insert into local_answers (municipality_id, response_id, version_id, answer_code)
       select $1, g.response_id, g.version_id, g.answer_code
       from unnest($2::uuid[], $3::uuid[], $4::text[]) as g(response_id, version_id, answer_code)
       order by g.response_id, g.version_id
       returning response_id, version_id, answer_code
     ), batch (municipality_id, version_id, local_date, site_id, answer_code, suspect,
               ${countColumns}) as (
       select r.municipality_id, s.version_id, r.local_date, r.site_id, s.answer_code, r.suspect,
         ${countsFromResponses}
       from stored s
       join responses r on r.municipality_id = $1 and r.id = s.response_id
       where ${answeredAnything}
       group by r.municipality_id, s.version_id, r.local_date, r.site_id, s.answer_code, r.suspect
     ), site_day as (
       insert into rollup_local_daily as t
         (municipality_id, version_id, local_date, site_id, answer_code, suspect, ${countColumns})
       select * from batch
       order by municipality_id, version_id, local_date, site_id, answer_code, suspect
       on conflict (municipality_id, version_id, local_date, site_id, answer_code, suspect)
         do update set ${addExcluded}
     )
     insert into rollup_local_all_daily as t
       (municipality_id, version_id, local_date, answer_code, suspect, ${countColumns})
     select municipality_id, version_id, local_date, answer_code, suspect, ${sumsOfBatch}
     from batch
     group by municipality_id, version_id, local_date, answer_code, suspect
     order by municipality_id, version_id, local_date, answer_code, suspect
     on conflict (municipality_id, version_id, local_date, answer_code, suspect)
       do update set ${addExcluded}`,
    [
      municipalityId,
      answers.map((answer) => answer.responseId),
      answers.map((answer) => answer.versionId),
      answers.map((answer) => answer.answerCode),
    ],
  );
}
