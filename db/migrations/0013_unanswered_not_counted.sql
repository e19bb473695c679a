-- Issue 11: a response that answers no question (Start, then Back or walking away, from kiosks
-- before that fix) is a passer-by, not a citizen's view. It stays stored (its seq matters to the
-- gap check) but is no longer counted: the rollups' responses and abandoned are recounted
-- without it, and a rollup row left with nothing in it is removed. Its other counts are
-- untouched: such a response answered nothing, so it added to none of them.
-- The condition is sync-server/queries/rollup-columns.ts's answeredAnything.

update rollup_site_daily as r
set responses = c.responses, abandoned = c.abandoned, updated_at = now()
from (
  select municipality_id, site_id, local_date, suspect,
    count(*) filter (where num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text) > 0) as responses,
    count(*) filter (where status = 'abandoned' and num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text) > 0) as abandoned
  from responses
  group by municipality_id, site_id, local_date, suspect
) as c
where r.municipality_id = c.municipality_id and r.site_id = c.site_id and r.local_date = c.local_date and r.suspect = c.suspect
  and (r.responses, r.abandoned) is distinct from (c.responses, c.abandoned);
delete from rollup_site_daily where responses = 0;

update rollup_kiosk_daily as r
set responses = c.responses, abandoned = c.abandoned, updated_at = now()
from (
  select municipality_id, site_id, kiosk_id, local_date, suspect,
    count(*) filter (where num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text) > 0) as responses,
    count(*) filter (where status = 'abandoned' and num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text) > 0) as abandoned
  from responses
  group by municipality_id, site_id, kiosk_id, local_date, suspect
) as c
where r.municipality_id = c.municipality_id and r.site_id = c.site_id and r.kiosk_id = c.kiosk_id and r.local_date = c.local_date and r.suspect = c.suspect
  and (r.responses, r.abandoned) is distinct from (c.responses, c.abandoned);
delete from rollup_kiosk_daily where responses = 0;

update rollup_hourly as r
set responses = c.responses, abandoned = c.abandoned, updated_at = now()
from (
  select municipality_id, site_id, local_date, local_hour, suspect,
    count(*) filter (where num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text) > 0) as responses,
    count(*) filter (where status = 'abandoned' and num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard, improve, improve_reasons, improve_text) > 0) as abandoned
  from responses
  group by municipality_id, site_id, local_date, local_hour, suspect
) as c
where r.municipality_id = c.municipality_id and r.site_id = c.site_id and r.local_date = c.local_date and r.local_hour = c.local_hour and r.suspect = c.suspect
  and (r.responses, r.abandoned) is distinct from (c.responses, c.abandoned);
delete from rollup_hourly where responses = 0;
