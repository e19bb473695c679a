import type { Queryable } from "../../sync-server/db.ts";

/**
 * Inserts n plausible responses for one kiosk in one set-based statement, spread over `days`
 * days before `lastDate` (site-local dates). For volume tests and benchmarks, where going
 * through the API would measure the API instead. Ids are valid UUIDv7 of the start time.
 */
export async function insertBulkResponses(
  db: Queryable,
  kiosk: { municipalityId: string; siteId: string; kioskId: string },
  n: number,
  options: {
    lastDate?: string;
    days?: number;
    firstSeq?: number;
    /**
     * false: unkeyed, as a release before keyed fingerprints (migration 0011) stored them, and
     * for a schema that has no content_key yet.
     */
    keyed?: boolean;
  } = {},
): Promise<void> {
  const keyed = options.keyed ?? true;
  await db.query(
    `with g as (
       select i, ($5::date - (i % $6))::timestamp + interval '10 hours' + (i % 300) * interval '1 minute' as local_start
       from generate_series($7::int, $7::int + $4 - 1) as i
     ), t as (
       select i, local_start at time zone 'Europe/Copenhagen' as started_at from g
     )
     insert into responses (municipality_id, id, site_id, kiosk_id, seq, questionnaire, locale, status,
       started_at, started_utc_offset, finished_at, finished_utc_offset, local_date, local_hour,
       got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text, content_hash${keyed ? ", content_key" : ""})
     select $1::uuid, (lpad(to_hex((extract(epoch from started_at) * 1000)::bigint), 12, '0') || '7'
                 || substr(md5(i::text || $3::text), 1, 3) || '8' || substr(md5(i::text || $3::text), 4, 15))::uuid,
       $2::uuid, $3::uuid, i, 1, 'da', 'complete', started_at, 60, started_at + interval '25 seconds', 60,
       (started_at at time zone 'Europe/Copenhagen')::date, extract(hour from started_at at time zone 'Europe/Copenhagen'),
       case when i % 6 = 0 then 'no' else 'yes' end, case when i % 8 = 0 then 'yes' else 'no' end,
       case when i % 8 = 0 then (case when i % 5 = 0 then 'no' else 'yes' end) end,
       (array['very_good','very_good','very_good','good','poor','unacceptable'])[1 + i % 6],
       case when i % 20 = 0 then 'no' else 'yes' end,
       case when i % 4 = 0 then 'could_be_better' else 'nothing' end,
       case when i % 4 = 0 then array['shorter_wait'] end,
       case when i % 12 = 0 then 'Ventetiden var lang; "kø" ved skranke ' || i end,
       -- Keyed (key 1) as rows stored today are, so no server re-keys them during a test.
       sha256(i::text::bytea)${keyed ? ", 1" : ""}
     from t`,
    [
      kiosk.municipalityId,
      kiosk.siteId,
      kiosk.kioskId,
      n,
      options.lastDate ?? "2026-06-30",
      options.days ?? 365,
      options.firstSeq ?? 1,
    ],
  );
}
