import fs from "node:fs";
import path from "node:path";
import type { Queryable } from "../../sync-server/db.ts";
import { rebuildRollups } from "../../sync-server/queries/rollups.ts";

/**
 * Benchmark data, set-based: one municipality with `sites` sites of `kiosksPerSite` kiosks, and
 * `responses` responses over the 365 days ending `lastDate`, made by generate_series in chunks
 * (one statement each). Answers follow the study's distributions roughly; 1 % are suspect.
 * Weekdays only, 10:00–14:59 local time, so the hour × weekday shape is plausible.
 */
export async function createBenchSites(
  db: Queryable,
  options: { municipalityId: string; sites: number; kiosksPerSite: number; name?: string },
): Promise<void> {
  await db.query("insert into municipalities (id, name) values ($1, $2)", [
    options.municipalityId,
    options.name ?? "Benchkommune",
  ]);
  await db.query(
    `insert into sites (municipality_id, id, name)
     select $1, gen_random_uuid(), 'Borgerservice ' || lpad(s::text, 3, '0')
     from generate_series(1, $2) as s`,
    [options.municipalityId, options.sites],
  );
  await db.query(
    `insert into kiosks (municipality_id, id, site_id, name, token_hash)
     select s.municipality_id, gen_random_uuid(), s.id, 'Kiosk ' || k, sha256(gen_random_uuid()::text::bytea)
     from sites s, generate_series(1, $2) as k where s.municipality_id = $1`,
    [options.municipalityId, options.kiosksPerSite],
  );
}

export async function insertBenchResponses(
  db: Queryable,
  options: {
    municipalityId: string;
    first: number;
    count: number;
    lastDate: string;
    /** false: unkeyed, as the previous release (no content_key column yet) stored them. */
    keyed?: boolean;
  },
): Promise<void> {
  const keyed = options.keyed ?? true;
  await db.query(
    `with kiosk as (
       select row_number() over (order by id) - 1 as k, site_id, id,
              count(*) over () as kiosks
       from kiosks where municipality_id = $1
     ), weekday as (
       -- The 261-ish weekdays of the year, numbered.
       select row_number() over (order by d) - 1 as w, d::date as d, count(*) over () as days
       from generate_series($4::date - 364, $4::date, interval '1 day') as d
       where extract(isodow from d) < 6
     ), hashed as (
       -- Independent pseudo-random numbers per row (r: answers, m: minute, s: suspect), so that
       -- kiosk, day, hour and answers are not tied to each other through i.
       select i, md5(i::text) as h,
              ('x' || substr(md5(i::text), 17, 4))::bit(16)::int as m,
              ('x' || substr(md5(i::text), 21, 4))::bit(16)::int as s,
              ('x' || substr(md5(i::text), 25, 6))::bit(24)::int as r
       from generate_series($2::bigint, $2::bigint + $3 - 1) as i
     ), g as (
       select hashed.*, kiosk.site_id, kiosk.id as kiosk_id, i / kiosk.kiosks + 1 as seq,
              weekday.d + interval '10 hours' + (m % 300) * interval '1 minute'
                + (i % 60) * interval '1 second' as local_start
       from hashed
       join kiosk on kiosk.k = i % kiosk.kiosks
       join weekday on weekday.w = (i * 7919) % weekday.days
     ), t as (
       select *, local_start at time zone 'Europe/Copenhagen' as started_at from g
     )
     insert into responses (municipality_id, id, site_id, kiosk_id, seq, questionnaire, locale,
       status, started_at, started_utc_offset, finished_at, finished_utc_offset, local_date,
       local_hour, got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons,
       improve_text, flags, content_hash${keyed ? ", content_key" : ""})
     select $1, (lpad(to_hex((extract(epoch from started_at) * 1000)::bigint), 12, '0') || '7'
                 || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid,
       site_id, kiosk_id, seq, 1, 'da', case when r % 50 = 0 then 'abandoned' else 'complete' end,
       started_at, 60, started_at + interval '25 seconds', 60, local_start::date,
       extract(hour from local_start),
       case when r % 6 = 0 then 'no' else 'yes' end,
       case when r % 8 = 0 then 'yes' else 'no' end,
       case when r % 8 = 0 then (case when r % 5 = 0 then 'no' else 'yes' end) end,
       case when r % 7 = 3 then null
            else (array['very_good','very_good','very_good','good','poor','unacceptable'])[1 + r % 6] end,
       case when r % 10 = 9 then null when r % 20 = 0 then 'no' else 'yes' end,
       case when r % 50 = 0 then null when r % 4 = 0 then 'could_be_better' else 'nothing' end,
       case when r % 50 <> 0 and r % 4 = 0 then array['shorter_wait'] end,
       case when r % 50 <> 0 and r % 48 = 0 then 'Ventetiden var lang' end,
       case when s % 100 = 7 then array['suspect'] else '{}' end,
       -- Keyed, as every row since migration 0011: unkeyed rows would be re-keyed by the
       -- server process the benchmark starts, competing with what it measures.
       decode(h || h, 'hex')${keyed ? ", 1" : ""}
     from t`,
    [options.municipalityId, options.first, options.count, options.lastDate],
  );
}

/**
 * The upgrade benchmarks' data: `total` responses at 100 sites of 2 kiosks over the year ending
 * 2026-06-30, a million per statement, then the rollups rebuilt and the statistics gathered.
 */
export async function fillUpgradeBench(
  db: Queryable,
  options: {
    municipalityId: string;
    total: number;
    /** The previous release's migrations folder when the schema is that release's (the
     * migrations bench): rows unkeyed and rollups built as that release's 0005 built them. */
    previousRelease?: string;
  },
): Promise<void> {
  const chunk = 1_000_000;
  const { municipalityId, total, previousRelease } = options;
  const keyed = previousRelease === undefined;
  const lastDate = "2026-06-30";
  await createBenchSites(db, { municipalityId, sites: 100, kiosksPerSite: 2 });
  // The year's monthly partitions, as a running server keeps them: else every row would sit in
  // the default partition, which no real install has (the function is in both schemas).
  await db.query("select ensure_response_partitions($1::date - 364, $1::date)", [lastDate]);
  for (let first = 0; first < total; first += chunk) {
    const count = Math.min(chunk, total - first);
    await insertBenchResponses(db, { municipalityId, first, count, lastDate, keyed });
  }
  if (previousRelease) await rebuildPreviousRollups(db, previousRelease);
  else await rebuildRollups(db);
  await db.query("vacuum analyze");
}

/** Today's rebuildRollups fills columns that release lacks: run its own 0005 inserts instead. */
async function rebuildPreviousRollups(db: Queryable, migrationsDir: string): Promise<void> {
  const sql = fs
    .readFileSync(path.join(migrationsDir, "0005_rollups.sql"), "utf8")
    .replace(/--.*$/gm, "");
  for (const statement of sql.split(";").map((part) => part.trim()))
    if (/^insert into rollup_/.test(statement)) await db.query(statement);
}
