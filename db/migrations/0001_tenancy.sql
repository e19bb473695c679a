-- Tenancy: municipality → site (a service desk) → kiosk (a tablet); users and API tokens.
-- Citus-ready (see ../shared/scale-out.md): every tenant table carries municipality_id, it leads
-- every primary key, unique constraint and foreign key, so the tables can later be distributed
-- by municipality_id without changing a key. Ids are UUIDv7 made by the application.

create table municipalities (
  id uuid primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  created_at timestamptz not null default now(),
  constraint municipalities_name_key unique (name)
);

create table sites (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  -- IANA zone; local dates and hours in every report are in this zone.
  timezone text not null default 'Europe/Copenhagen',
  -- {"mon": [["10:00","15:00"]], …, "sun": []}: shape checked by the application (shared/opening-hours.ts).
  opening_hours jsonb not null default
    '{"mon":[["10:00","15:00"]],"tue":[["10:00","15:00"]],"wed":[["10:00","15:00"]],"thu":[["10:00","17:30"]],"fri":[["10:00","13:00"]],"sat":[],"sun":[]}',
  created_at timestamptz not null default now(),
  primary key (municipality_id, id),
  constraint sites_name_key unique (municipality_id, name),
  constraint sites_opening_hours_object check (jsonb_typeof(opening_hours) = 'object')
);
-- Admin verbs and tokens name a site by id alone.
create index sites_id_idx on sites (id);

create table kiosks (
  municipality_id uuid not null,
  id uuid not null,
  site_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  -- sha256 of the token's secret part; the token itself is shown once and never stored.
  token_hash bytea not null check (length(token_hash) = 32),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (municipality_id, id),
  -- Lets responses reference (municipality, site, kiosk) so a response can never name a
  -- kiosk of another site.
  constraint kiosks_site_kiosk_key unique (municipality_id, site_id, id),
  foreign key (municipality_id, site_id) references sites (municipality_id, id)
);
-- Tokens carry the kiosk id; authentication looks the kiosk up by it.
create index kiosks_id_idx on kiosks (id);

create table users (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  email text not null check (email = lower(btrim(email)) and email like '_%@_%'),
  role text not null check (role in ('admin', 'chief', 'analyst')),
  password_hash text not null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz,
  primary key (municipality_id, id),
  constraint users_email_key unique (municipality_id, email)
);
-- Log-in knows only the e-mail; the application keeps e-mails unique across municipalities.
create index users_email_idx on users (email);

-- A chief or analyst sees only these sites; none listed means all sites of the municipality.
create table user_sites (
  municipality_id uuid not null,
  user_id uuid not null,
  site_id uuid not null,
  primary key (municipality_id, user_id, site_id),
  foreign key (municipality_id, user_id) references users (municipality_id, id) on delete cascade,
  foreign key (municipality_id, site_id) references sites (municipality_id, id) on delete cascade
);

-- Bearer tokens for scripts and analysts' tools.
create table api_tokens (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  role text not null check (role in ('admin', 'chief', 'analyst')),
  token_hash bytea not null check (length(token_hash) = 32),
  label text,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (municipality_id, id)
);
create index api_tokens_id_idx on api_tokens (id);

create table api_token_sites (
  municipality_id uuid not null,
  token_id uuid not null,
  site_id uuid not null,
  primary key (municipality_id, token_id, site_id),
  foreign key (municipality_id, token_id) references api_tokens (municipality_id, id) on delete cascade,
  foreign key (municipality_id, site_id) references sites (municipality_id, id) on delete cascade
);
