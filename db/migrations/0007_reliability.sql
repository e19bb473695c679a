-- rewrites: responses and kiosk_health (clock_offset_ms integer → bigint rewrites every row; timed in npm run bench -- migrations)
-- Reliability (issue #10): a table for the readiness probe's write, clock offsets wide enough
-- for any tablet clock, kiosks whose seq restarted, and rows of far-off months moved out of the
-- default partition when their month's partition is created.

-- /readyz writes its one row: a read-only or full database refuses that even when `select 1`
-- still answers (sync-server/queries/readiness-probe.ts).
create table readiness_probe (
  id smallint primary key check (id = 1),
  checked_at timestamptz not null
);

-- An int of milliseconds ends at ±24.9 days; a tablet clock a year off was clamped there.
alter table responses alter column clock_offset_ms type bigint;
alter table kiosk_health alter column clock_offset_ms type bigint;

-- Set when a sync brings a new id whose seq is not above one stored from an older id: the kiosk
-- was wiped or replaced and counts from 1 again. Its gaps are then found per run of seq
-- (sync-server/queries/kiosk-health.ts), and highest_seq − stored_count no longer means
-- "missing".
alter table kiosk_health add column seq_restart_seen_at timestamptz;

-- As in 0002, except that a month whose rows already sit in the default partition (a clock a
-- year or more fast) gets its partition anyway: the rows are moved into it in the same
-- transaction, instead of the month being skipped for ever and every kiosk's rows of it
-- piling up in the default partition.
create or replace function ensure_response_partitions(first_month date, last_month date) returns integer
language plpgsql as $$
declare
  month date := date_trunc('month', first_month)::date;
  partition_name text;
  low uuid;
  high uuid;
  stored_columns text;
  moved bigint;
  created integer := 0;
begin
  -- Every column but the generated ones, which the insert below must not name.
  select string_agg(quote_ident(attname), ', ' order by attnum) into stored_columns
  from pg_attribute
  where attrelid = 'responses'::regclass and attnum > 0 and not attisdropped and attgenerated = '';
  while month <= last_month loop
    partition_name := format('responses_p%s', to_char(month, 'YYYYMM'));
    if to_regclass(partition_name) is null then
      low := uuidv7_floor(month::timestamp at time zone 'UTC');
      high := uuidv7_floor((month + interval '1 month')::timestamp at time zone 'UTC');
      create temporary table moving_responses (like responses) on commit drop;
      with taken as (delete from responses_other where id >= low and id < high returning *)
      insert into moving_responses select * from taken;
      get diagnostics moved = row_count;
      execute format('create table %I partition of responses for values from (%L) to (%L)',
                     partition_name, low, high);
      if moved > 0 then
        execute format('insert into responses (%s) select %s from moving_responses',
                       stored_columns, stored_columns);
        raise notice 'partition %: moved % rows in from the default partition', partition_name, moved;
      end if;
      drop table moving_responses;
      created := created + 1;
    end if;
    month := (month + interval '1 month')::date;
  end loop;
  return created;
end $$;

-- Months the old function skipped (their rows wait in the default partition) get their
-- partition now, with their rows: one call per month found there, not every month between.
select ensure_response_partitions(month, month)
from (
  select distinct date_trunc('month', to_timestamp(
           ('x' || substr(replace(id::text, '-', ''), 1, 12))::bit(48)::bigint / 1000.0)
           at time zone 'UTC')::date as month
  from responses_other
) as skipped
order by month;
