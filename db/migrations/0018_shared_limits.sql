-- Shared limits (issue #18): the per-address log-in limiter and the per-account slowdown lived
-- in each server's memory, so N servers allowed N times the attempts. Both live here now, read
-- and written by every server process. Neither is tenant data: a client address and an e-mail
-- typed at log-in belong to no municipality (an unknown e-mail names none, a known one may be
-- in several), so these are the deployment-wide exceptions of tests/db/citus-ready.test.ts.
-- Rows are short-lived; the clean_limits job (sync-server/jobs/tasks.ts) deletes stale ones.

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
