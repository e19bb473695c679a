-- Report rollups, kept by storeResponses in the same transaction as the responses they count
-- (sync-server/queries/rollups.ts), so a report never scans raw responses.
--
-- Wide, not narrow: one row per key with a column per answer code, because a one-year,
-- all-sites report must answer in milliseconds over ~10 million responses. A row per
-- (question, answer, day) multiplied the rows to aggregate by ~20 and measured ~170 ms; here a
-- year of 100 sites is ~36 500 site-day rows (x2 where suspect responses exist).
--
-- * rollup_site_daily: the report, trends and site comparison (no kiosk filter).
-- * rollup_kiosk_daily: the same with a kiosk filter, and the kiosk comparison.
-- * rollup_hourly: the hour x weekday heatmap (per site; weekday is derived from local_date).
--
-- Column <question>_<answer> counts responses that gave that answer; a question's n is the sum of
-- its answers' columns, so skipped and not-asked questions are in no n. improve_reasons_*
-- count ticks (several per response). `responses` counts every response, abandoned included
-- (abandoned ones count for the questions they answered). suspect is in every key so reports
-- leave suspect responses out unless asked. Citus-ready: municipality_id leads every key.

-- One row per site, local date (the site's zone) and suspect flag.
create table rollup_site_daily (
  municipality_id uuid not null,
  site_id uuid not null,
  local_date date not null,
  suspect boolean not null,
  responses integer not null default 0,
  abandoned integer not null default 0,
  got_help_yes integer not null default 0,
  got_help_no integer not null default 0,
  sent_on_yes integer not null default 0,
  sent_on_no integer not null default 0,
  referred_ok_yes integer not null default 0,
  referred_ok_no integer not null default 0,
  guidance_very_good integer not null default 0,
  guidance_good integer not null default 0,
  guidance_poor integer not null default 0,
  guidance_unacceptable integer not null default 0,
  seen_heard_yes integer not null default 0,
  seen_heard_no integer not null default 0,
  improve_nothing integer not null default 0,
  improve_could_be_better integer not null default 0,
  improve_reasons_shorter_wait integer not null default 0,
  improve_reasons_help_with_everything integer not null default 0,
  improve_reasons_know_departments integer not null default 0,
  improve_reasons_other integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (municipality_id, site_id, local_date, suspect),
  foreign key (municipality_id, site_id) references sites (municipality_id, id)
);

-- One row per kiosk and local date (kiosk_id before the date: a kiosk filter is one range).
create table rollup_kiosk_daily (
  municipality_id uuid not null,
  site_id uuid not null,
  kiosk_id uuid not null,
  local_date date not null,
  suspect boolean not null,
  responses integer not null default 0,
  abandoned integer not null default 0,
  got_help_yes integer not null default 0,
  got_help_no integer not null default 0,
  sent_on_yes integer not null default 0,
  sent_on_no integer not null default 0,
  referred_ok_yes integer not null default 0,
  referred_ok_no integer not null default 0,
  guidance_very_good integer not null default 0,
  guidance_good integer not null default 0,
  guidance_poor integer not null default 0,
  guidance_unacceptable integer not null default 0,
  seen_heard_yes integer not null default 0,
  seen_heard_no integer not null default 0,
  improve_nothing integer not null default 0,
  improve_could_be_better integer not null default 0,
  improve_reasons_shorter_wait integer not null default 0,
  improve_reasons_help_with_everything integer not null default 0,
  improve_reasons_know_departments integer not null default 0,
  improve_reasons_other integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (municipality_id, site_id, kiosk_id, local_date, suspect),
  foreign key (municipality_id, site_id, kiosk_id) references kiosks (municipality_id, site_id, id)
);

-- One row per site, local date and local hour.
create table rollup_hourly (
  municipality_id uuid not null,
  site_id uuid not null,
  local_date date not null,
  local_hour smallint not null,
  suspect boolean not null,
  responses integer not null default 0,
  abandoned integer not null default 0,
  got_help_yes integer not null default 0,
  got_help_no integer not null default 0,
  sent_on_yes integer not null default 0,
  sent_on_no integer not null default 0,
  referred_ok_yes integer not null default 0,
  referred_ok_no integer not null default 0,
  guidance_very_good integer not null default 0,
  guidance_good integer not null default 0,
  guidance_poor integer not null default 0,
  guidance_unacceptable integer not null default 0,
  seen_heard_yes integer not null default 0,
  seen_heard_no integer not null default 0,
  improve_nothing integer not null default 0,
  improve_could_be_better integer not null default 0,
  improve_reasons_shorter_wait integer not null default 0,
  improve_reasons_help_with_everything integer not null default 0,
  improve_reasons_know_departments integer not null default 0,
  improve_reasons_other integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (municipality_id, site_id, local_date, local_hour, suspect),
  foreign key (municipality_id, site_id) references sites (municipality_id, id)
);

-- All-sites reports read a date range across sites; so does "what changed lately".
create index rollup_site_daily_date_idx on rollup_site_daily (municipality_id, local_date);
create index rollup_site_daily_updated_idx on rollup_site_daily (municipality_id, updated_at);

-- Backfill from the responses already stored (the demo, or data synced before this migration).
insert into rollup_site_daily (municipality_id, site_id, local_date, suspect, responses, abandoned, got_help_yes, got_help_no, sent_on_yes, sent_on_no, referred_ok_yes, referred_ok_no, guidance_very_good, guidance_good, guidance_poor, guidance_unacceptable, seen_heard_yes, seen_heard_no, improve_nothing, improve_could_be_better, improve_reasons_shorter_wait, improve_reasons_help_with_everything, improve_reasons_know_departments, improve_reasons_other)
select municipality_id, site_id, local_date, suspect,
    count(*),
    count(*) filter (where status = 'abandoned'),
    count(*) filter (where got_help = 'yes'),
    count(*) filter (where got_help = 'no'),
    count(*) filter (where sent_on = 'yes'),
    count(*) filter (where sent_on = 'no'),
    count(*) filter (where referred_ok = 'yes'),
    count(*) filter (where referred_ok = 'no'),
    count(*) filter (where guidance = 'very_good'),
    count(*) filter (where guidance = 'good'),
    count(*) filter (where guidance = 'poor'),
    count(*) filter (where guidance = 'unacceptable'),
    count(*) filter (where seen_heard = 'yes'),
    count(*) filter (where seen_heard = 'no'),
    count(*) filter (where improve = 'nothing'),
    count(*) filter (where improve = 'could_be_better'),
    count(*) filter (where 'shorter_wait' = any (improve_reasons)),
    count(*) filter (where 'help_with_everything' = any (improve_reasons)),
    count(*) filter (where 'know_departments' = any (improve_reasons)),
    count(*) filter (where 'other' = any (improve_reasons))
from responses
group by municipality_id, site_id, local_date, suspect;

insert into rollup_kiosk_daily (municipality_id, site_id, kiosk_id, local_date, suspect, responses, abandoned, got_help_yes, got_help_no, sent_on_yes, sent_on_no, referred_ok_yes, referred_ok_no, guidance_very_good, guidance_good, guidance_poor, guidance_unacceptable, seen_heard_yes, seen_heard_no, improve_nothing, improve_could_be_better, improve_reasons_shorter_wait, improve_reasons_help_with_everything, improve_reasons_know_departments, improve_reasons_other)
select municipality_id, site_id, kiosk_id, local_date, suspect,
    count(*),
    count(*) filter (where status = 'abandoned'),
    count(*) filter (where got_help = 'yes'),
    count(*) filter (where got_help = 'no'),
    count(*) filter (where sent_on = 'yes'),
    count(*) filter (where sent_on = 'no'),
    count(*) filter (where referred_ok = 'yes'),
    count(*) filter (where referred_ok = 'no'),
    count(*) filter (where guidance = 'very_good'),
    count(*) filter (where guidance = 'good'),
    count(*) filter (where guidance = 'poor'),
    count(*) filter (where guidance = 'unacceptable'),
    count(*) filter (where seen_heard = 'yes'),
    count(*) filter (where seen_heard = 'no'),
    count(*) filter (where improve = 'nothing'),
    count(*) filter (where improve = 'could_be_better'),
    count(*) filter (where 'shorter_wait' = any (improve_reasons)),
    count(*) filter (where 'help_with_everything' = any (improve_reasons)),
    count(*) filter (where 'know_departments' = any (improve_reasons)),
    count(*) filter (where 'other' = any (improve_reasons))
from responses
group by municipality_id, site_id, kiosk_id, local_date, suspect;

insert into rollup_hourly (municipality_id, site_id, local_date, local_hour, suspect, responses, abandoned, got_help_yes, got_help_no, sent_on_yes, sent_on_no, referred_ok_yes, referred_ok_no, guidance_very_good, guidance_good, guidance_poor, guidance_unacceptable, seen_heard_yes, seen_heard_no, improve_nothing, improve_could_be_better, improve_reasons_shorter_wait, improve_reasons_help_with_everything, improve_reasons_know_departments, improve_reasons_other)
select municipality_id, site_id, local_date, local_hour, suspect,
    count(*),
    count(*) filter (where status = 'abandoned'),
    count(*) filter (where got_help = 'yes'),
    count(*) filter (where got_help = 'no'),
    count(*) filter (where sent_on = 'yes'),
    count(*) filter (where sent_on = 'no'),
    count(*) filter (where referred_ok = 'yes'),
    count(*) filter (where referred_ok = 'no'),
    count(*) filter (where guidance = 'very_good'),
    count(*) filter (where guidance = 'good'),
    count(*) filter (where guidance = 'poor'),
    count(*) filter (where guidance = 'unacceptable'),
    count(*) filter (where seen_heard = 'yes'),
    count(*) filter (where seen_heard = 'no'),
    count(*) filter (where improve = 'nothing'),
    count(*) filter (where improve = 'could_be_better'),
    count(*) filter (where 'shorter_wait' = any (improve_reasons)),
    count(*) filter (where 'help_with_everything' = any (improve_reasons)),
    count(*) filter (where 'know_departments' = any (improve_reasons)),
    count(*) filter (where 'other' = any (improve_reasons))
from responses
group by municipality_id, site_id, local_date, local_hour, suspect;
