import type { LocalVersionSummary } from "../../shared/local-breakdown-contract.ts";
import type { LocalQuestionView, LocalText } from "../../shared/local-questions.ts";
import type { Queryable } from "../db.ts";

/**
 * SQL of a local question's three tables (db/migrations/0015_local_questions.sql): the question
 * (local_questions), its versions (local_question_versions) and each version's answers
 * (local_question_answers). They are written and read together, as one thing.
 */

const latestVersionSql = `select q.id as "questionId", q.code, q.site_id as "siteId",
    q.retired_at is not null as retired, to_json(q.created_at) #>> '{}' as "createdAt",
    v.id, v.version, v.text,
    (select json_agg(json_build_object('code', a.code, 'label', a.label) order by a.position)
       from local_question_answers a
      where a.municipality_id = v.municipality_id and a.version_id = v.id) as answers
  from local_questions q
  cross join lateral (
    select * from local_question_versions v
    where v.municipality_id = q.municipality_id and v.question_id = q.id
    order by v.version desc limit 1) as v`;

/**
 * The municipality's questions, each in its latest version: all of them, or only those asked
 * now at one site (its municipality's and its own, not retired), in the order they were added.
 */
export async function listLocalQuestions(
  db: Queryable,
  municipalityId: string,
  filter: { askedAt?: string } = {},
): Promise<LocalQuestionView[]> {
  const result = await db.query<LocalQuestionView>(
    `${latestVersionSql}
     where q.municipality_id = $1
       and ($2::uuid is null or (q.retired_at is null and (q.site_id is null or q.site_id = $2)))
     order by q.created_at, q.id`,
    [municipalityId, filter.askedAt ?? null],
  );
  return result.rows;
}

export async function findLocalQuestion(
  db: Queryable,
  municipalityId: string,
  questionId: string,
): Promise<LocalQuestionView | undefined> {
  const result = await db.query<LocalQuestionView>(
    `${latestVersionSql} where q.municipality_id = $1 and q.id = $2`,
    [municipalityId, questionId],
  );
  return result.rows[0];
}

/** Every version of every question (old ones too), for breakdowns, exports and the codebook. */
export type LocalVersionRow = Omit<LocalVersionSummary, "latest">;

export async function listLocalVersions(
  db: Queryable,
  municipalityId: string,
): Promise<LocalVersionRow[]> {
  const result = await db.query<LocalVersionRow>(
    `select v.id, q.id as "questionId", q.code, v.version, q.site_id as "siteId",
       q.retired_at is not null as retired, v.text,
       (select json_agg(json_build_object('code', a.code, 'label', a.label) order by a.position)
          from local_question_answers a
         where a.municipality_id = v.municipality_id and a.version_id = v.id) as answers
     from local_question_versions v
     join local_questions q on q.municipality_id = v.municipality_id and q.id = v.question_id
     where v.municipality_id = $1
     order by q.created_at, q.id, v.version`,
    [municipalityId],
  );
  return result.rows;
}

/**
 * Which versions a site's kiosks may answer (retired and superseded ones too: a kiosk offline
 * for a week still asks what it was given) and each one's answer codes.
 */
export async function answerableVersions(
  db: Queryable,
  municipalityId: string,
  siteId: string,
): Promise<Map<string, ReadonlySet<string>>> {
  const result = await db.query<{ id: string; codes: string[] }>(
    `select v.id, array_agg(a.code) as codes
     from local_question_versions v
     join local_questions q on q.municipality_id = v.municipality_id and q.id = v.question_id
     join local_question_answers a on a.municipality_id = v.municipality_id and a.version_id = v.id
     where v.municipality_id = $1 and (q.site_id is null or q.site_id = $2)
     group by v.id`,
    [municipalityId, siteId],
  );
  return new Map(result.rows.map((row) => [row.id, new Set(row.codes)]));
}

/** Serialises changes to one municipality's questions (the three-per-site rule is checked inside). */
export async function lockLocalQuestions(db: Queryable, municipalityId: string): Promise<void> {
  await db.query("select pg_advisory_xact_lock(hashtextextended('local_questions:' || $1, 0))", [
    municipalityId,
  ]);
}

export async function insertLocalQuestion(
  db: Queryable,
  question: { municipalityId: string; id: string; code: string; siteId: string | null },
): Promise<void> {
  await db.query(
    "insert into local_questions (municipality_id, id, code, site_id) values ($1, $2, $3, $4)",
    [question.municipalityId, question.id, question.code, question.siteId],
  );
}

/** A new version (1 for a new question) with its answers, in two statements. */
export async function insertLocalVersion(
  db: Queryable,
  version: {
    municipalityId: string;
    id: string;
    questionId: string;
    version: number;
    text: LocalText;
    answers: readonly { code: string; label: LocalText }[];
  },
): Promise<void> {
  await db.query(
    `insert into local_question_versions (municipality_id, id, question_id, version, text)
     values ($1, $2, $3, $4, $5)`,
    [version.municipalityId, version.id, version.questionId, version.version, version.text],
  );
  await db.query(
    `insert into local_question_answers (municipality_id, version_id, code, position, label)
     select $1, $2, a.code, a.position, a.label
     from unnest($3::text[], $4::jsonb[]) with ordinality as a(code, label, position)`,
    [
      version.municipalityId,
      version.id,
      version.answers.map((answer) => answer.code),
      version.answers.map((answer) => JSON.stringify(answer.label)),
    ],
  );
}

/** Marks a question retired (kiosks stop asking it at their next sync); false if unknown. */
export async function retireLocalQuestion(
  db: Queryable,
  municipalityId: string,
  questionId: string,
): Promise<boolean> {
  const result = await db.query(
    `update local_questions set retired_at = coalesce(retired_at, now())
     where municipality_id = $1 and id = $2`,
    [municipalityId, questionId],
  );
  return (result.rowCount ?? 0) > 0;
}
