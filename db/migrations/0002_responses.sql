-- Responses: one row per interview, answers as typed columns (not a JSON blob) so that
-- aggregation reads narrow columns. Codes are the study's (../shared/study.md).
--
-- Partitioned by range of the UUIDv7 id, whose first 48 bits are the creation time in ms:
-- a monthly partition holds the interviews begun that month, the primary key
-- (municipality_id, id) contains the partition key, so "same id seen before?" stays one
-- unique-index probe, and retention is a cheap DROP/DETACH of an old month.

create function uuidv7_floor(ts timestamptz) returns uuid
language sql immutable strict parallel safe as $$
  select (lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || repeat('0', 20))::uuid
$$;

create table responses (
  municipality_id uuid not null,
  id uuid not null,
  site_id uuid not null,
  kiosk_id uuid not null,
  -- Per-kiosk sequence number, 1, 2, 3 …; gaps reveal answers lost on a device.
  seq integer not null check (seq >= 1),
  questionnaire smallint not null check (questionnaire >= 1),
  locale text not null check (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  status text not null check (status in ('complete', 'abandoned')),
  started_at timestamptz not null,
  -- The device's UTC offset when the interview began/ended, in minutes (kept as sent).
  started_utc_offset smallint not null check (started_utc_offset between -1080 and 1080),
  finished_at timestamptz,
  finished_utc_offset smallint check (finished_utc_offset between -1080 and 1080),
  -- The site's local calendar date and hour of started_at, fixed at ingest.
  local_date date not null,
  local_hour smallint not null check (local_hour between 0 and 23),
  received_at timestamptz not null default now(),
  -- Server time minus device time at sync, in ms; already applied to nothing, kept for audit.
  clock_offset_ms integer,
  got_help text check (got_help in ('yes', 'no')),
  sent_on text check (sent_on in ('yes', 'no')),
  referred_ok text check (referred_ok in ('yes', 'no')),
  guidance text check (guidance in ('very_good', 'good', 'poor', 'unacceptable')),
  seen_heard text check (seen_heard in ('yes', 'no')),
  improve text check (improve in ('nothing', 'could_be_better')),
  improve_reasons text[] check (
    improve_reasons <@ array['shorter_wait', 'help_with_everything', 'know_departments', 'other']
  ),
  -- Scrubbed of CPR numbers, phone numbers and e-mail addresses before it is stored.
  improve_text text check (length(improve_text) <= 500),
  flags text[] not null default '{}',
  suspect boolean generated always as ('suspect' = any (flags)) stored,
  -- sha256 of the response as sent (canonical JSON): a resend with the same id is a duplicate
  -- when this matches and a conflict when it does not.
  content_hash bytea not null check (length(content_hash) = 32),
  primary key (municipality_id, id),
  constraint responses_referred_ok_needs_sent_on check (referred_ok is null or sent_on = 'yes'),
  constraint responses_reasons_need_could_be_better
    check (improve_reasons is null or improve = 'could_be_better'),
  foreign key (municipality_id, site_id, kiosk_id) references kiosks (municipality_id, site_id, id)
) partition by range (id);

create index responses_site_date_idx on responses (municipality_id, site_id, local_date);
create index responses_kiosk_seq_idx on responses (municipality_id, kiosk_id, seq);

-- Ids from clocks far off (or outside the prepared months) land here rather than fail.
create table responses_other partition of responses default;

-- Creates the monthly partitions from first_month through last_month that do not exist yet.
-- A month whose rows already sit in the default partition is skipped (and reported), never
-- an error: ingest must not stop over a tablet with a wrong clock.
create function ensure_response_partitions(first_month date, last_month date) returns integer
language plpgsql as $$
declare
  month date := date_trunc('month', first_month)::date;
  partition_name text;
  created integer := 0;
begin
  while month <= last_month loop
    partition_name := format('responses_p%s', to_char(month, 'YYYYMM'));
    if to_regclass(partition_name) is null then
      begin
        execute format(
          'create table %I partition of responses for values from (%L) to (%L)',
          partition_name,
          uuidv7_floor(month::timestamp at time zone 'UTC'),
          uuidv7_floor((month + interval '1 month')::timestamp at time zone 'UTC'));
        created := created + 1;
      exception when check_violation then
        raise notice 'partition % skipped: the default partition holds rows of that month', partition_name;
      end;
    end if;
    month := (month + interval '1 month')::date;
  end loop;
  return created;
end $$;

select ensure_response_partitions((now() - interval '36 months')::date, (now() + interval '12 months')::date);
