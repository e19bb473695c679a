import { type Counts, countsOfRow } from "../../shared/counts.ts";
import type { Queryable } from "../db.ts";
import { answeredAnything, reportCountsFromResponses, reportSums } from "./rollup-columns.ts";

/** Which responses a figure counts: one municipality, some (null: all) sites, maybe one kiosk. */
export type RollupScope = {
  municipalityId: string;
  siteIds: readonly string[] | null;
  kioskId: string | null;
  includeSuspect: boolean;
};

/** Summed counts, typed by question and answer, plus the key grouped by. */
export type CountRow = Counts & { key: string };

export type SumsRow = Record<string, number> & { key: string };
/** Rows of rollup sums (reportSums) as typed counts. */
export const countRows = (rows: readonly SumsRow[]): CountRow[] =>
  rows.map((row) => ({ key: row.key, ...countsOfRow(row) }));

/**
 * Counts per local date from the rollups: for all sites, the municipality's own rollup (a row
 * per day); for some sites, the site-level table (a year of 100 sites is ~36 500 rows); with a
 * kiosk, the kiosk table's one key range. suspect rows are in the key, left out unless asked for.
 */
export async function countsByDate(
  db: Queryable,
  scope: RollupScope,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const params = [scope.municipalityId, from, to, scope.includeSuspect];
  const result = scope.kioskId
    ? await db.query<SumsRow>(
        `select local_date::text as key, ${reportSums}
         from rollup_kiosk_daily
         where municipality_id = $1 and local_date between $2 and $3 and (not suspect or $4)
           and ($5::uuid[] is null or site_id = any($5::uuid[])) and kiosk_id = $6
         group by local_date order by local_date`,
        [...params, scope.siteIds, scope.kioskId],
      )
    : scope.siteIds
      ? await db.query<SumsRow>(
          `select local_date::text as key, ${reportSums}
           from rollup_site_daily
           where municipality_id = $1 and local_date between $2 and $3 and (not suspect or $4)
             and site_id = any($5::uuid[])
           group by local_date order by local_date`,
          [...params, scope.siteIds],
        )
      : await db.query<SumsRow>(
          `select local_date::text as key, ${reportSums}
           from rollup_municipality_daily
           where municipality_id = $1 and local_date between $2 and $3 and (not suspect or $4)
           group by local_date order by local_date`,
          params,
        );
  return countRows(result.rows);
}

/**
 * Every municipality's counts over a date range (key = municipality id), with its disclosure
 * limit: a national operator's overview. One pass over the municipalities' own rollup (a row per
 * municipality and day), never raw rows, so it costs ~98 × days rows however many responses.
 */
export async function countsByMunicipality(
  db: Queryable,
  range: { from: string; to: string; includeSuspect: boolean },
): Promise<(CountRow & { k: number })[]> {
  const result = await db.query<SumsRow & { k: number }>(
    `select r.municipality_id::text as key, m.disclosure_k as k, ${reportSums}
     from rollup_municipality_daily r
     join municipalities m on m.id = r.municipality_id
     where r.local_date between $1 and $2 and (not r.suspect or $3)
     group by r.municipality_id, m.disclosure_k
     order by r.municipality_id`,
    [range.from, range.to, range.includeSuspect],
  );
  return result.rows.map((row) => ({ key: row.key, k: row.k, ...countsOfRow(row) }));
}

/** Counts per site (key = site id) over a date range, for the site comparison. */
export async function countsBySite(
  db: Queryable,
  scope: RollupScope,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const result = await db.query<SumsRow>(
    `select site_id::text as key, ${reportSums}
     from rollup_site_daily
     where municipality_id = $1 and local_date between $2 and $3
       and ($4::uuid[] is null or site_id = any($4::uuid[])) and (not suspect or $5)
     group by site_id`,
    [scope.municipalityId, from, to, scope.siteIds, scope.includeSuspect],
  );
  return countRows(result.rows);
}

/** Counts per kiosk (key = kiosk id) over a date range, for the kiosk comparison. */
export async function countsByKiosk(
  db: Queryable,
  scope: RollupScope,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const result = await db.query<SumsRow>(
    `select kiosk_id::text as key, ${reportSums}
     from rollup_kiosk_daily
     where municipality_id = $1 and local_date between $2 and $3
       and ($4::uuid[] is null or site_id = any($4::uuid[])) and (not suspect or $5)
       and ($6::uuid is null or kiosk_id = $6)
     group by kiosk_id`,
    [scope.municipalityId, from, to, scope.siteIds, scope.includeSuspect, scope.kioskId],
  );
  return countRows(result.rows);
}

/**
 * Counts per ISO weekday (1 = Monday) and local hour, key "weekday:hour", for the heatmap. The
 * hourly rollup has no kiosk column, so a kiosk filter reads that kiosk's raw responses (one
 * kiosk's year is a few thousand rows, found through the site/date index).
 */
export async function countsByWeekdayHour(
  db: Queryable,
  scope: RollupScope,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const params = [scope.municipalityId, from, to, scope.siteIds, scope.includeSuspect];
  const result = scope.kioskId
    ? await db.query<SumsRow>(
        `select extract(isodow from local_date)::int || ':' || local_hour as key,
                ${reportCountsFromResponses}
         from responses
         where municipality_id = $1 and local_date between $2 and $3
           and ($4::uuid[] is null or site_id = any($4::uuid[])) and (not suspect or $5)
           and kiosk_id = $6 and ${answeredAnything}
         group by extract(isodow from local_date), local_hour`,
        [...params, scope.kioskId],
      )
    : await db.query<SumsRow>(
        `select extract(isodow from local_date)::int || ':' || local_hour as key, ${reportSums}
         from rollup_hourly
         where municipality_id = $1 and local_date between $2 and $3
           and ($4::uuid[] is null or site_id = any($4::uuid[])) and (not suspect or $5)
         group by extract(isodow from local_date), local_hour`,
        params,
      );
  return countRows(result.rows);
}

/**
 * The same per-date counts by a plain aggregate over the raw responses: the benchmark's
 * baseline, and the oracle tests compare the rollups with.
 */
export async function countsByDateFromResponses(
  db: Queryable,
  scope: RollupScope,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const result = await db.query<SumsRow>(
    `select local_date::text as key, ${reportCountsFromResponses}
     from responses
     where municipality_id = $1 and local_date between $2 and $3
       and ($4::uuid[] is null or site_id = any($4::uuid[])) and (not suspect or $5)
       and ($6::uuid is null or kiosk_id = $6) and ${answeredAnything}
     group by local_date order by local_date`,
    [scope.municipalityId, from, to, scope.siteIds, scope.includeSuspect, scope.kioskId],
  );
  return countRows(result.rows);
}

/**
 * When the scope's rollups last changed, and a mark that moves with every change: the
 * dashboard's "anything new?" probe. updated_at is a transaction's start time, so a sync that
 * started first and committed last (another server's, or another of this one's in flight)
 * leaves max(updated_at) where it was; the responses counted in the rows changed shortly
 * before the last change grow with it. No sync transaction lasts the window (statements time
 * out well before), and the range is one scan of the (municipality_id, updated_at) index.
 */
export async function rollupsChangeMark(
  db: Queryable,
  scope: Pick<RollupScope, "municipalityId" | "siteIds">,
): Promise<{ changedAt: Date | null; recentResponses: number }> {
  const result = await db.query<{ changedAt: Date | null; recentResponses: number }>(
    `with latest as (
       select max(updated_at) as at from rollup_site_daily
       where municipality_id = $1 and ($2::uuid[] is null or site_id = any($2::uuid[]))
     )
     select latest.at as "changedAt",
            coalesce((select sum(responses) from rollup_site_daily
                      where municipality_id = $1 and updated_at >= latest.at - $3 * interval '1 second'
                        and ($2::uuid[] is null or site_id = any($2::uuid[]))), 0)::float8
              as "recentResponses"
     from latest`,
    [scope.municipalityId, scope.siteIds, changeWindowSeconds],
  );
  return result.rows[0] ?? { changedAt: null, recentResponses: 0 };
}

/** Far longer than a sync transaction takes (a few statements of at most DB_STATEMENT_TIMEOUT_MS, 20 s by default). */
const changeWindowSeconds = 10 * 60;
