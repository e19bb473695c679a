import { type Answers, questions } from "../../shared/questionnaire.ts";
import type { Queryable } from "../db.ts";
import { answerColumns, answerValuesOfUnnest } from "./rollup-columns.ts";
import { rollupUpsertCtes } from "./rollups.ts";

/**
 * A response as stored: typed columns, instants read (epoch ms) and content hash computed by
 * the caller (ingest/response-row.ts).
 */
export type ResponseRow = {
  id: string;
  seq: number;
  questionnaire: number;
  locale: string;
  status: "complete" | "abandoned";
  startedAtMs: number;
  startedUtcOffset: number;
  finishedAtMs: number | null;
  finishedUtcOffset: number | null;
  /** One column per question (free text already scrubbed). */
  answers: Answers;
  flags: string[];
  /** Answers to local questions (version id → answer code), stored by local-answers.ts. */
  local?: Readonly<Record<string, string>>;
  /** SHA-256 of the payload as sent, hex: compared in memory, never stored (fingerprint.ts). */
  contentDigest: string;
  /** The stored fingerprint: HMAC of contentDigest under key contentKey, hex. */
  contentHash: string;
  contentKey: number;
};

export type KioskRef = { municipalityId: string; siteId: string; kioskId: string };

/** When the batch arrived and how far the device's clock was off: the same for all its rows. */
export type Receipt = { receivedAt: Date; clockOffsetMs: number | null };

type Cell = string | number | null;

/**
 * The batch's columns, each sent as one PostgreSQL array literal ($4 …, in this order). `plain`
 * values were validated to [A-Za-z0-9_:.+-] (uuids, codes, locales, numbers), so they go
 * unquoted; anything else is quoted and escaped.
 */
const columns: readonly { sqlType: string; plain: boolean; cell(row: ResponseRow): Cell }[] = [
  { sqlType: "uuid[]", plain: true, cell: (row) => row.id },
  { sqlType: "int[]", plain: true, cell: (row) => row.seq },
  { sqlType: "smallint[]", plain: true, cell: (row) => row.questionnaire },
  { sqlType: "text[]", plain: true, cell: (row) => row.locale },
  { sqlType: "text[]", plain: true, cell: (row) => row.status },
  { sqlType: "float8[]", plain: true, cell: (row) => row.startedAtMs },
  { sqlType: "smallint[]", plain: true, cell: (row) => row.startedUtcOffset },
  { sqlType: "float8[]", plain: true, cell: (row) => row.finishedAtMs },
  { sqlType: "smallint[]", plain: true, cell: (row) => row.finishedUtcOffset },
  ...questions.map((question) => ({
    sqlType: "text[]",
    plain: question.kind === "single",
    cell: (row: ResponseRow): Cell => {
      const value = row.answers[question.code];
      // A multi choice is a text[] per row, sent as the text of its literal ({a,b}), cast in SQL.
      return value === undefined
        ? null
        : typeof value === "string"
          ? value
          : `{${value.join(",")}}`;
    },
  })),
  { sqlType: "text[]", plain: false, cell: (row) => `{${row.flags.join(",")}}` },
  { sqlType: "text[]", plain: true, cell: (row) => row.contentHash },
  { sqlType: "smallint[]", plain: true, cell: (row) => row.contentKey },
];

/**
 * All columns' array literals, built in one pass over the rows. The driver's generic array
 * encoder (per-element escaping, Date formatting) and a pass per column cost more CPU than the
 * INSERT itself at 500 rows a batch.
 */
function columnLiterals(rows: readonly ResponseRow[]): string[] {
  const literals = columns.map(() => "");
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as ResponseRow;
    const separator = r === 0 ? "" : ",";
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as (typeof columns)[number];
      const value = column.cell(row);
      literals[c] +=
        separator +
        (value === null
          ? "NULL"
          : column.plain
            ? value
            : `"${String(value).replace(/[\\"]/g, "\\$&")}"`);
    }
  }
  return literals.map((literal) => `{${literal}}`);
}

const unnestArguments = columns.map((column, c) => `$${c + 4}::${column.sqlType}`).join(", ");
const batchSizeParameter = `$${columns.length + 4}`;

/**
 * What to do with a row whose id is already stored: `skip` it (ON CONFLICT DO NOTHING), or
 * `fail` the statement with unique_violation (23505). `fail` is the fast path for batches that
 * are almost always new: the speculative insertion ON CONFLICT needs cost PostgreSQL about a
 * tenth of its time per row, and the unique index guards exactly-once either way. A caller
 * that gets 23505 rolls back and stores the batch again with `skip`.
 */
export type IfStored = "skip" | "fail";

/**
 * Inserts one kiosk's batch and adds it to the report rollups, in a single set-based statement
 * (the rollups read the INSERT's RETURNING rows). The site's local date and hour are computed
 * here, in the site's time zone. Ids already stored are skipped or fail the statement
 * (IfStored) and are counted nowhere; the ids actually inserted are returned.
 */
export async function insertResponsesWithRollups(
  db: Queryable,
  kiosk: KioskRef,
  receipt: Receipt,
  rows: readonly ResponseRow[],
  ifStored: IfStored = "skip",
): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await db.query<{ inserted: number; ids: string[] | null }>(
    `with inserted as (
     insert into responses (
       municipality_id, id, site_id, kiosk_id, seq, questionnaire, locale, status,
       started_at, started_utc_offset, finished_at, finished_utc_offset, local_date, local_hour,
       received_at, clock_offset_ms, ${answerColumns}, flags, content_hash, content_key)
     select $1, r.id, $2, $3, r.seq, r.questionnaire, r.locale, r.status,
       s.started_at, r.started_utc_offset, to_timestamp(r.finished_ms / 1000),
       r.finished_utc_offset, l.local_start::date, extract(hour from l.local_start)::smallint,
       $${columns.length + 5}::timestamptz, $${columns.length + 6}::bigint,
       ${answerValuesOfUnnest}, r.flags::text[],
       decode(r.content_hash, 'hex'), r.content_key
     from unnest(${unnestArguments})
       as r(id, seq, questionnaire, locale, status, started_ms, started_utc_offset, finished_ms,
            finished_utc_offset, ${answerColumns}, flags, content_hash, content_key)
     -- A scalar lookup, not a join: a kiosk reference naming no site must fail loudly (local_date
     -- is NOT NULL), never insert nothing in silence.
     cross join lateral (select to_timestamp(r.started_ms / 1000) as started_at) as s
     cross join lateral (select s.started_at at time zone
       (select timezone from sites where municipality_id = $1 and id = $2) as local_start) as l
     ${ifStored === "skip" ? "on conflict (municipality_id, id) do nothing" : ""}
     returning municipality_id, id, site_id, kiosk_id, local_date, local_hour, suspect, status,
       questionnaire, ${answerColumns}
     ), ${rollupUpsertCtes("inserted")}
     -- Usually every row is new: then only the count travels back, not 500 ids.
     select count(*)::int as inserted,
       case when count(*) < ${batchSizeParameter}::int then array_agg(id) end as ids
     from inserted`,
    [
      kiosk.municipalityId,
      kiosk.siteId,
      kiosk.kioskId,
      ...columnLiterals(rows),
      rows.length,
      receipt.receivedAt,
      receipt.clockOffsetMs,
    ],
  );
  const outcome = result.rows[0];
  if (outcome?.inserted === rows.length) return rows.map((row) => row.id);
  return outcome?.ids ?? [];
}

export type StoredIdentity = {
  id: string;
  kioskId: string;
  contentHash: string;
  contentKey: number | null;
};

/** Who stored each of these ids and with what fingerprint: tells a duplicate from a conflict. */
export async function findStoredResponses(
  db: Queryable,
  municipalityId: string,
  ids: readonly string[],
): Promise<StoredIdentity[]> {
  if (ids.length === 0) return [];
  const result = await db.query<StoredIdentity>(
    `select id, kiosk_id as "kioskId", encode(content_hash, 'hex') as "contentHash",
       content_key as "contentKey"
     from responses where municipality_id = $1 and id = any ($2::uuid[])`,
    [municipalityId, ids],
  );
  return result.rows;
}
