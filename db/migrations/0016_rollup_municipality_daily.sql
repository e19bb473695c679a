-- The all-sites report's own rollup: one row per municipality, local date and suspect flag.
-- A one-year report of 100 sites summed ~36 500 site-day rows (x2 where suspect rows exist) in
-- rollup_site_daily, most of its time (issue 12's target is 25 ms); here it sums ~365.
-- rollup_site_daily still serves a chief who sees only some sites, the site comparison and the
-- trends per site. Kept by the same ingest statement as the others (queries/rollups.ts).
--
-- Every sync of a municipality adds to today's row, so concurrent syncs of one municipality
-- wait for each other on it until they commit, as syncs of one site already do on the site's
-- row; admission control (SYNC_MAX_IN_FLIGHT) bounds how many can. Citus: municipality_id
-- leads the key, so the row lives with the municipality's other rows.
create table rollup_municipality_daily (like rollup_site_daily including defaults);
alter table rollup_municipality_daily
  drop column site_id,
  add primary key (municipality_id, local_date, suspect);
create index rollup_municipality_daily_updated_idx
  on rollup_municipality_daily (municipality_id, updated_at);

-- Filled from the site rollup, whatever count columns earlier migrations gave it (the column
-- names come from the catalogue, never from input).
do $$
declare
  names text;
  sums text;
begin
  select string_agg(quote_ident(column_name), ', ' order by ordinal_position),
         string_agg(format('sum(%I)', column_name), ', ' order by ordinal_position)
  into names, sums
  from information_schema.columns
  where table_schema = current_schema() and table_name = 'rollup_municipality_daily'
    and column_name not in ('municipality_id', 'local_date', 'suspect', 'updated_at');
  execute format(
    'insert into rollup_municipality_daily (municipality_id, local_date, suspect, %s)
     select municipality_id, local_date, suspect, %s from rollup_site_daily
     group by municipality_id, local_date, suspect',
    names, sums);
end
$$;
