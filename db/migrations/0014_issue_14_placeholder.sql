-- Placeholder for issue 14's migration 0014 (branch issue-14), which this branch does not
-- have yet: migrations are numbered without gaps. Replaced by the real 0014 when main has it.
select 1;
