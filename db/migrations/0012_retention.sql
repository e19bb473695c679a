-- Retention (issue #13), per municipality: citizens' free text is cleared after
-- retention_text_days (default 365), raw responses are removed after retention_response_years
-- (default 5), audit log entries after retention_audit_days (default 730). The report rollups are kept: the figures outlive the raw rows they came from.
-- Run daily by sync-server/retention/run-retention.ts (README "Retention").
alter table municipalities
  add column retention_text_days integer not null default 365
    check (retention_text_days between 1 and 36500),
  add column retention_response_years integer not null default 5
    check (retention_response_years between 1 and 100),
  -- The audit log's own entries: long enough to answer "who exported what last year".
  add column retention_audit_days integer not null default 730
    check (retention_audit_days between 30 and 36500);

-- Drops the monthly response partitions (responses_pYYYYMM) whose month ends on or before
-- `cutoff` and that hold rows; returns, per dropped partition, how many rows each municipality
-- had in it (for the audit log). Whole partitions go in O(1) and leave no dead rows behind.
-- Empty ones are left alone: ensure_response_partitions keeps months ready (36 back) and would
-- only make them again. The default partition is never dropped.
create function drop_response_partitions_before(cutoff timestamptz)
returns table (partition_name text, municipality_id uuid, row_count bigint)
language plpgsql as $$
declare
  part record;
begin
  for part in
    select c.relname
    from pg_class c join pg_inherits i on i.inhrelid = c.oid
    where i.inhparent = 'responses'::regclass
      and c.relname ~ '^responses_p[0-9]{6}$'
      and (to_date(substr(c.relname, 12), 'YYYYMM') + interval '1 month')
            at time zone 'UTC' <= cutoff
    order by c.relname
  loop
    partition_name := part.relname;
    for municipality_id, row_count in
      execute format('select municipality_id, count(*) from %I group by 1', part.relname)
    loop
      return next;
    end loop;
    if found then
      execute format('drop table %I', part.relname);
    end if;
  end loop;
end $$;
