-- Log-in sessions of dashboard users. The cookie carries a 256-bit random secret; only its
-- sha256 is stored, so a copy of this table logs nobody in. Citus-ready: municipality_id leads
-- the key and the foreign key to users.
create table sessions (
  municipality_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  token_hash bytea not null check (length(token_hash) = 32),
  created_at timestamptz not null default now(),
  -- Sliding: each use pushes it forward (see sync-server/http/viewer-auth.ts), up to
  -- absolute_expires_at, after which the user logs in again whatever they do.
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  primary key (municipality_id, id),
  foreign key (municipality_id, user_id) references users (municipality_id, id) on delete cascade
);
-- A request knows only the cookie: its hash finds the row with one index probe.
create index sessions_token_hash_idx on sessions (token_hash);
-- Expired sessions are purged by user; this keeps that (and "log out everywhere") cheap.
create index sessions_user_idx on sessions (municipality_id, user_id);
