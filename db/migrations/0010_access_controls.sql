-- Access controls (issue 13): API tokens that expire and show when they were last used,
-- sessions a person can recognise in their list, and one-time kiosk enrolment codes.

-- Null expires_at: the token lives until revoked. last_used_at is updated at most once a minute.
alter table api_tokens
  add column expires_at timestamptz,
  add column last_used_at timestamptz;

-- What the "your sessions" list shows, so a person can tell their own browsers from a stranger's.
alter table sessions
  add column user_agent text check (length(user_agent) <= 300),
  add column ip text check (length(ip) <= 64);

-- The enrolment link carries a short-lived code instead of the kiosk's long-lived token (proxy
-- logs keep URLs). The kiosk exchanges the code once for its token; only the code's sha256 is
-- kept, so a copy of this table enrols nothing.
create table kiosk_enrolments (
  municipality_id uuid not null,
  kiosk_id uuid not null,
  code_hash bytea not null check (length(code_hash) = 32),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (municipality_id, kiosk_id, code_hash),
  foreign key (municipality_id, kiosk_id) references kiosks (municipality_id, id) on delete cascade
);
-- The exchange knows only the code.
create unique index kiosk_enrolments_code_idx on kiosk_enrolments (code_hash);
