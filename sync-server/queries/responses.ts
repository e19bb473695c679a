import type { Queryable } from "../db.ts";
import { rollupUpsertCtes } from "./rollups.ts";

/** A response as stored: typed columns, times parsed, content hash computed by the caller. */
export type ResponseRow = {
  id: string;
  seq: number;
  questionnaire: number;
  locale: string;
  status: "complete" | "abandoned";
  startedAt: Date;
  startedUtcOffset: number;
  finishedAt: Date | null;
  finishedUtcOffset: number | null;
  clockOffsetMs: number | null;
  receivedAt: Date;
  gotHelp: string | null;
  sentOn: string | null;
  referredOk: string | null;
  guidance: string | null;
  seenHeard: string | null;
  improve: string | null;
  improveReasons: string[] | null;
  improveText: string | null;
  flags: string[];
  contentHash: Buffer;
};

export type KioskRef = { municipalityId: string; siteId: string; kioskId: string };

/** Postgres array literal for one row's text[] (codes only: no quoting needed, checked upstream). */
function arrayLiteral(values: string[] | null): string | null {
  return values === null ? null : `{${values.join(",")}}`;
}

type Scalar = string | number | Date | null;

/**
 * One column of the batch as a single PostgreSQL array literal, built in one pass. The driver's
 * generic array encoder (per-element escaping, local-time date formatting) cost more CPU than
 * the INSERT itself at 500 rows a batch; this keeps ingest near raw COPY speed. Strings are
 * always quoted (free text may hold anything); numbers, ISO timestamps and uuids need no quotes.
 */
function columnLiteral(values: readonly Scalar[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    parts[i] =
      value === null
        ? "NULL"
        : typeof value === "number"
          ? String(value)
          : value instanceof Date
            ? value.toISOString()
            : `"${value.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}

/**
 * Inserts one kiosk's batch and adds it to the report rollups, in a single set-based statement
 * (the rollups read the INSERT's RETURNING rows). The site's local date and hour are computed
 * here, in the site's time zone. Ids already stored are skipped (ON CONFLICT DO NOTHING) and
 * counted nowhere; the ids actually inserted are returned.
 */
export async function insertResponsesWithRollups(
  db: Queryable,
  kiosk: KioskRef,
  rows: readonly ResponseRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const column = <K extends keyof ResponseRow>(key: K) =>
    columnLiteral(rows.map((row) => row[key] as Scalar));
  const result = await db.query<{ id: string }>(
    `with inserted as (
     insert into responses (
       municipality_id, id, site_id, kiosk_id, seq, questionnaire, locale, status,
       started_at, started_utc_offset, finished_at, finished_utc_offset, local_date, local_hour,
       received_at, clock_offset_ms, got_help, sent_on, referred_ok, guidance, seen_heard, improve,
       improve_reasons, improve_text, flags, content_hash)
     select $1, r.id, $2, $3, r.seq, r.questionnaire, r.locale, r.status,
       r.started_at, r.started_utc_offset, r.finished_at, r.finished_utc_offset,
       l.local_start::date, extract(hour from l.local_start)::smallint,
       r.received_at, r.clock_offset_ms, r.got_help, r.sent_on, r.referred_ok, r.guidance, r.seen_heard,
       r.improve, r.improve_reasons::text[], r.improve_text, r.flags::text[],
       decode(r.content_hash, 'hex')
     from unnest($4::uuid[], $5::int[], $6::smallint[], $7::text[], $8::text[], $9::timestamptz[],
                 $10::smallint[], $11::timestamptz[], $12::smallint[], $13::timestamptz[], $14::int[],
                 $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
                 $22::text[], $23::text[], $24::text[])
       as r(id, seq, questionnaire, locale, status, started_at, started_utc_offset, finished_at,
            finished_utc_offset, received_at, clock_offset_ms, got_help, sent_on, referred_ok, guidance,
            seen_heard, improve, improve_reasons, improve_text, flags, content_hash)
     -- A scalar lookup, not a join: a kiosk reference naming no site must fail loudly (local_date
     -- is NOT NULL), never insert nothing in silence.
     cross join lateral (select r.started_at at time zone
       (select timezone from sites where municipality_id = $1 and id = $2) as local_start) as l
     on conflict (municipality_id, id) do nothing
     returning municipality_id, id, site_id, kiosk_id, local_date, local_hour, suspect, status,
       got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons
     ), ${rollupUpsertCtes("inserted")}
     select id from inserted`,
    [
      kiosk.municipalityId,
      kiosk.siteId,
      kiosk.kioskId,
      column("id"),
      column("seq"),
      column("questionnaire"),
      column("locale"),
      column("status"),
      column("startedAt"),
      column("startedUtcOffset"),
      column("finishedAt"),
      column("finishedUtcOffset"),
      column("receivedAt"),
      column("clockOffsetMs"),
      column("gotHelp"),
      column("sentOn"),
      column("referredOk"),
      column("guidance"),
      column("seenHeard"),
      column("improve"),
      columnLiteral(rows.map((row) => arrayLiteral(row.improveReasons))),
      column("improveText"),
      columnLiteral(rows.map((row) => arrayLiteral(row.flags))),
      columnLiteral(rows.map((row) => row.contentHash.toString("hex"))),
    ],
  );
  return result.rows.map((row) => row.id);
}

export type StoredIdentity = { id: string; kioskId: string; contentHash: Buffer };

/** Who stored each of these ids and with what content hash: tells a duplicate from a conflict. */
export async function findStoredResponses(
  db: Queryable,
  municipalityId: string,
  ids: readonly string[],
): Promise<StoredIdentity[]> {
  if (ids.length === 0) return [];
  const result = await db.query<StoredIdentity>(
    `select id, kiosk_id as "kioskId", content_hash as "contentHash"
     from responses where municipality_id = $1 and id = any ($2::uuid[])`,
    [municipalityId, ids],
  );
  return result.rows;
}
