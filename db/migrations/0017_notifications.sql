-- Notifications (issue #16): digest subscriptions, alert rules and their episodes, what kiosks
-- report about their outbox, and one row per message sent (its idempotency key).
-- The jobs themselves live in graphile-worker's own schema (graphile_worker), which
-- sync-server/jobs/install-queue.ts installs and upgrades beside these migrations.
-- Citus-ready: municipality_id leads every key (../shared/scale-out.md).

-- A user's daily or weekly digest, in the language they read it in.
create table digest_subscriptions (
  municipality_id uuid not null,
  user_id uuid not null,
  frequency text not null check (frequency in ('daily', 'weekly')),
  language text not null default 'da' check (language in ('da', 'en')),
  created_at timestamptz not null default now(),
  primary key (municipality_id, user_id),
  foreign key (municipality_id, user_id) references users (municipality_id, id) on delete cascade
);

-- An alert on one site: what to watch, when it fires, and who hears of it. params per kind:
-- kiosk_silent {"hours": 2}, outbox_stale {"hours": 4}, storage_not_persistent {},
-- spc_signal {"minAnswers": 30}. Recipients: e-mail addresses and/or one webhook URL.
create table alert_rules (
  municipality_id uuid not null,
  id uuid not null,
  site_id uuid not null,
  kind text not null
    check (kind in ('kiosk_silent', 'outbox_stale', 'storage_not_persistent', 'spc_signal')),
  enabled boolean not null default true,
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  emails text[] not null default '{}' check (cardinality(emails) <= 50),
  webhook_url text check (webhook_url ~ '^https?://' and length(webhook_url) <= 2000),
  language text not null default 'da' check (language in ('da', 'en')),
  created_at timestamptz not null default now(),
  primary key (municipality_id, id),
  constraint alert_rules_site_kind_key unique (municipality_id, site_id, kind),
  foreign key (municipality_id, site_id) references sites (municipality_id, id) on delete cascade
);

-- One episode per rule and subject (a kiosk id, or a headline code for spc_signal): it opens
-- when the condition starts, clears when it ends, and is told once at each.
create table alert_episodes (
  municipality_id uuid not null,
  id uuid not null,
  rule_id uuid not null,
  subject text not null check (length(subject) between 1 and 100),
  opened_at timestamptz not null,
  cleared_at timestamptz,
  -- What was seen when it opened: figures for the message and the dashboard.
  details jsonb not null default '{}',
  primary key (municipality_id, id),
  foreign key (municipality_id, rule_id) references alert_rules (municipality_id, id)
    on delete cascade,
  check (cleared_at is null or cleared_at >= opened_at)
);
-- The database keeps one open episode per rule and subject, whichever server checks.
create unique index alert_episodes_open_key
  on alert_episodes (municipality_id, rule_id, subject) where cleared_at is null;
create index alert_episodes_recent_idx on alert_episodes (municipality_id, opened_at desc);

-- Every message sent, under its idempotency key ("digest:<user>:<period>",
-- "alert:<episode>:opened:<recipient>"): a retried job finds it here and does not send again.
create table notification_deliveries (
  municipality_id uuid not null,
  idempotency_key text not null check (length(idempotency_key) between 1 and 300),
  channel text not null check (channel in ('email', 'webhook')),
  recipient text not null,
  sent_at timestamptz not null default now(),
  primary key (municipality_id, idempotency_key)
);

-- What the kiosk says about its own device in every sync (docs/api.md "device"): answers not
-- yet sent, the oldest of them, and whether the browser keeps its storage. Null: never said
-- (an older kiosk).
alter table kiosk_health
  add column outbox_size integer check (outbox_size >= 0),
  add column oldest_pending_at timestamptz,
  add column storage_persisted boolean;
