-- Issue 14, questionnaire version 2: after got_help = no, the kiosk asks why — the study's
-- reasons as the multi-choice question no_help_reasons (shared/questionnaire.ts). Version 1
-- responses keep their meaning and are never asked it, so the column is null for them.
alter table responses
  add column no_help_reasons text[] check (
    no_help_reasons <@ array['other_authority', 'forgot_mitid', 'staff_busy', 'other']
  ),
  add constraint responses_no_help_reasons_need_got_help_no
    check (no_help_reasons is null or (got_help = 'no' and questionnaire >= 2));

-- The three rollups count each reason, and its N apart: the version-2 citizens who answered
-- got_help = no (version 1 ones were not asked). Every row so far is version 1: zero is exact.
-- The table names are this migration's own constants.
do $$
declare
  rollup text;
begin
  foreach rollup in array array['rollup_site_daily', 'rollup_kiosk_daily', 'rollup_hourly'] loop
    execute format(
      'alter table %I
         add column no_help_reasons_other_authority integer not null default 0,
         add column no_help_reasons_forgot_mitid integer not null default 0,
         add column no_help_reasons_staff_busy integer not null default 0,
         add column no_help_reasons_other integer not null default 0,
         add column no_help_reasons_asked integer not null default 0',
      rollup);
  end loop;
end
$$;
