-- Issue 14, point 4: local questions. A municipality (or one of its sites) asks up to three
-- extra single-choice questions after the core ones. A question's wording and answers are
-- versioned: an edit is a new version, so an answer always means what its citizen was shown.
-- Citizens' answers are typed rows (version + answer code, both foreign keys), and a daily
-- rollup per site, version and answer holds the same counts as rollup_site_daily, so every
-- headline can be broken down by a local question's answers as fast as by site.

-- A question; site_id null: asked at every site of the municipality. retired_at: no longer
-- asked (its answers and figures stay).
create table local_questions (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  -- The analysts' name for it (export column local_<code>_v<version>), unique per municipality.
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,29}$'),
  site_id uuid,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (municipality_id, id),
  unique (municipality_id, code),
  foreign key (municipality_id, site_id) references sites (municipality_id, id)
);

-- One version of a question: its wording per language ({"da": …, "en": …}); Danish is required,
-- a language without its words skips the question on the kiosk (shared/local-questions.ts).
create table local_question_versions (
  municipality_id uuid not null,
  id uuid not null,
  question_id uuid not null,
  version integer not null check (version >= 1),
  text jsonb not null check (jsonb_typeof(text) = 'object' and text ? 'da'),
  created_at timestamptz not null default now(),
  primary key (municipality_id, id),
  unique (municipality_id, question_id, version),
  foreign key (municipality_id, question_id) references local_questions (municipality_id, id)
);

-- The answers a version offers, in the order shown; label like text above.
create table local_question_answers (
  municipality_id uuid not null,
  version_id uuid not null,
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,29}$'),
  position smallint not null check (position between 1 and 12),
  label jsonb not null check (jsonb_typeof(label) = 'object' and label ? 'da'),
  primary key (municipality_id, version_id, code),
  unique (municipality_id, version_id, position),
  foreign key (municipality_id, version_id) references local_question_versions (municipality_id, id)
);

-- A citizen's answer to a local question. response_id is the response's UUIDv7 (no foreign key:
-- responses' monthly partitions are dropped whole by retention, which removes these rows by the
-- same id range, sync-server/queries/response-retention.ts).
create table local_answers (
  municipality_id uuid not null,
  response_id uuid not null,
  version_id uuid not null,
  answer_code text not null,
  primary key (municipality_id, response_id, version_id),
  foreign key (municipality_id, version_id, answer_code)
    references local_question_answers (municipality_id, version_id, code)
);

-- The export's per-version lookup and the rollup rebuild read by version.
create index local_answers_version_idx on local_answers (municipality_id, version_id, response_id);

-- rollup_site_daily's columns (every count column, whatever earlier migrations added) plus the
-- version and answer. A later migration that adds a count column to the core rollups adds it
-- here too; tests/db/local-questions-schema.test.ts fails when the two differ.
create table rollup_local_daily (like rollup_site_daily including defaults);
alter table rollup_local_daily
  add column version_id uuid not null,
  add column answer_code text not null,
  -- version first: a breakdown reads one version's date range, across sites.
  add primary key (municipality_id, version_id, local_date, site_id, answer_code, suspect),
  add foreign key (municipality_id, site_id) references sites (municipality_id, id),
  add foreign key (municipality_id, version_id, answer_code)
    references local_question_answers (municipality_id, version_id, code);

-- The same without the site, for the all-sites breakdown (a municipality-wide question has a
-- row per site, day and answer in rollup_local_daily: ~160 000 for a year of 100 sites, too many
-- to sum in milliseconds; here it is one per day and answer). rollup_local_daily serves a
-- breakdown of some sites, as rollup_site_daily serves the report.
create table rollup_local_all_daily (like rollup_local_daily including defaults);
alter table rollup_local_all_daily
  drop column site_id,
  add primary key (municipality_id, version_id, local_date, answer_code, suspect),
  add foreign key (municipality_id, version_id, answer_code)
    references local_question_answers (municipality_id, version_id, code);
