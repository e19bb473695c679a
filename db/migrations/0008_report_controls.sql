-- Report controls (issue 12): the disclosure limit per municipality, targets per headline, and
-- the grant that lets an analyst export exact instants.

-- Groups with fewer than this many answers to a question are hidden (shared/disclosure.ts).
alter table municipalities
  add column disclosure_k smallint not null default 5 check (disclosure_k between 3 and 10);

-- A target share per headline, for the whole municipality (site_id null) or one site; a site's
-- own target wins over the municipality's. NULLS NOT DISTINCT: one municipality-wide target per
-- headline. Citus-ready: municipality_id leads the key.
create table targets (
  municipality_id uuid not null references municipalities (id),
  site_id uuid,
  headline text not null
    check (headline in ('got_help', 'guided_well', 'seen_heard', 'nothing_to_improve')),
  percent numeric(4, 1) not null check (percent between 0 and 100),
  set_by uuid,
  set_at timestamptz not null default now(),
  constraint targets_key unique nulls not distinct (municipality_id, site_id, headline),
  foreign key (municipality_id, site_id) references sites (municipality_id, id) on delete cascade
);

-- responses.csv gives times to the hour; exact instants only to a user or token an admin has
-- granted this (staff could otherwise find the answers of the citizen they served at 10:32).
alter table users add column exact_times boolean not null default false;
alter table api_tokens add column exact_times boolean not null default false;
