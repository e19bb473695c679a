-- Shared limits (issue #18): the per-address log-in limiter and the per-account slowdown lived
-- in each server's memory, so N servers allowed N times the attempts. Both live here now, read
-- and written by every server process. Neither is tenant data: a client address and an e-mail
-- typed at log-in belong to no municipality (an unknown e-mail names none, a known one may be
-- in several), so these are the deployment-wide exceptions of tests/db/citus-ready.test.ts.
-- Rows are short-lived; the clean_limits job (sync-server/jobs/tasks.ts) deletes stale ones.
-- At the end, two fixes tests/db/citus-ready.test.ts found in older tables.

-- express-rate-limit's counters (sync-server/http/postgres-rate-limit-store.ts): one fixed
-- window per limiter and client key.
create table rate_limit_hits (
  limiter text not null check (length(limiter) between 1 and 100),
  client_key text not null check (length(client_key) between 1 and 500),
  hits integer not null check (hits >= 0),
  reset_at timestamptz not null,
  primary key (limiter, client_key)
);
create index rate_limit_hits_reset_at on rate_limit_hits (reset_at);

-- Failed log-ins per account (sync-server/login-throttle.ts): how many in a row, and when the
-- last was, from which the next allowed attempt is worked out.
create table login_failures (
  account text primary key check (length(account) between 1 and 400),
  failures integer not null check (failures >= 0),
  last_failure_at timestamptz not null
);
create index login_failures_last_failure_at on login_failures (last_failure_at);

-- Citus-ready (tests/db/citus-ready.test.ts): targets has no primary key (site_id null is the
-- municipality-wide target, so its unique key cannot be one), and Citus moves shards by
-- logical replication, which cannot carry a table's updates and deletes without a replica
-- identity. The table holds a few rows per municipality: the whole row is a cheap identity.
alter table targets replica identity full;

-- Citus-ready: a unique index must contain the distribution column, and the enrolment code's
-- (on code_hash alone) did not. The code is 32 random bytes, so the hash needs no unique index
-- to be unique; the exchange, which knows only the code, still finds it by this plain index.
drop index kiosk_enrolments_code_idx;
create index kiosk_enrolments_code_idx on kiosk_enrolments (code_hash);
