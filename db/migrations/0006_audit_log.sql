-- Append-only audit log: log-ins and their failures, admin changes, token and kiosk changes,
-- exports. One table for every kind of entry, so an admin reads one list and retention is one
-- rule. Citus-ready: municipality_id leads the key (an event that names no municipality, such
-- as a failed log-in for an unknown e-mail, goes to the server log instead).
create table audit_log (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  at timestamptz not null default now(),
  -- Who acted: a dashboard user, an API token, the admin CLI, a kiosk, or the server itself.
  actor_kind text not null check (actor_kind in ('user', 'token', 'cli', 'kiosk', 'system', 'anonymous')),
  actor_id uuid,
  -- The actor as a person reads it (an e-mail, a token label), kept as it was at the time.
  actor_label text check (length(actor_label) <= 320),
  -- Dotted verb, e.g. 'login.succeeded', 'export.responses', 'token.revoked'.
  action text not null check (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  target_id text check (length(target_id) <= 200),
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
  ip text check (length(ip) <= 64),
  primary key (municipality_id, id)
);
-- The admin page lists the newest first; retention deletes the oldest.
create index audit_log_at_idx on audit_log (municipality_id, at desc);

-- Append-only: an entry is never changed. Retention removes old entries with DELETE, which
-- stays allowed.
create function audit_log_refuse_update() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update on audit_log
  for each row execute function audit_log_refuse_update();
