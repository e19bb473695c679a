-- Single sign-on (issue 17): each municipality's identity providers, the rules that turn the
-- provider's groups into a Borgerpuls role and sites, who is who at the provider, and the
-- log-ins under way. Citus-ready: municipality_id leads every key (../shared/scale-out.md).
-- SAML's own settings live in a table of their own keyed by the provider (migration 0019).

-- At most one provider of each kind per municipality: the log-in page offers "Log ind med
-- <display_name>" for each enabled one.
create table sso_providers (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  kind text not null check (kind in ('oidc', 'saml')),
  display_name text not null check (length(btrim(display_name)) between 1 and 200),
  enabled boolean not null default true,
  -- OpenID Connect: the issuer whose /.well-known/openid-configuration is read (discovery).
  issuer text check (issuer ~ '^https?://' and length(issuer) <= 2000),
  client_id text check (length(client_id) between 1 and 500),
  -- The client secret must be sent to the provider, so it cannot be hashed like our own
  -- tokens (secrets.ts): it is sealed with AES-256-GCM under a key derived from the
  -- fingerprint key file (sso/sealed-secret.ts), so a copy of the database alone does not hold it.
  client_secret_sealed text check (length(client_secret_sealed) <= 4000),
  scopes text not null default 'openid email profile' check (scopes ~ '(^| )openid( |$)'),
  -- The id_token claim that lists the person's groups (Entra ID: "groups"; AD FS: often "group").
  groups_claim text not null default 'groups' check (length(groups_claim) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_id, id),
  constraint sso_providers_kind_key unique (municipality_id, kind),
  constraint sso_providers_oidc_complete check (
    kind <> 'oidc' or (issuer is not null and client_id is not null)
  )
);
-- The start and callback routes name a provider by id alone.
create index sso_providers_id_idx on sso_providers (id);

-- "Group BP-Chefer-Horsens → chief of site X". A person in several mapped groups gets the
-- strongest role among them (admin, then chief, then analyst) and the sites of that role's rules;
-- a rule with no sites grants every site.
create table sso_role_mappings (
  municipality_id uuid not null references municipalities (id),
  id uuid not null,
  group_value text not null check (length(group_value) between 1 and 500),
  role text not null check (role in ('admin', 'chief', 'analyst')),
  created_at timestamptz not null default now(),
  primary key (municipality_id, id),
  constraint sso_role_mappings_group_role_key unique (municipality_id, group_value, role)
);

create table sso_role_mapping_sites (
  municipality_id uuid not null,
  mapping_id uuid not null,
  site_id uuid not null,
  primary key (municipality_id, mapping_id, site_id),
  foreign key (municipality_id, mapping_id) references sso_role_mappings (municipality_id, id)
    on delete cascade,
  foreign key (municipality_id, site_id) references sites (municipality_id, id) on delete cascade
);

-- Who a user is at a provider: the provider's stable subject (OIDC "sub", SAML NameID).
create table sso_identities (
  municipality_id uuid not null,
  provider_id uuid not null,
  subject text not null check (length(subject) between 1 and 500),
  user_id uuid not null,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  primary key (municipality_id, provider_id, subject),
  -- One identity per user and provider: two subjects never share an account.
  constraint sso_identities_user_key unique (municipality_id, provider_id, user_id),
  foreign key (municipality_id, provider_id) references sso_providers (municipality_id, id)
    on delete cascade,
  foreign key (municipality_id, user_id) references users (municipality_id, id) on delete cascade
);

-- A log-in under way: kept here, not in process memory, so the callback may reach another
-- server process than the start did. The state and the browser's cookie are stored as sha256
-- only; the row is deleted when the callback uses it (a replayed state finds nothing).
create table sso_login_attempts (
  municipality_id uuid not null,
  state_hash bytea not null check (length(state_hash) = 32),
  provider_id uuid not null,
  -- Binds the attempt to the browser that started it (log-in CSRF): sha256 of a cookie.
  browser_hash bytea not null check (length(browser_hash) = 32),
  nonce text not null check (length(nonce) between 16 and 200),
  code_verifier text not null check (length(code_verifier) between 43 and 128),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (municipality_id, state_hash),
  foreign key (municipality_id, provider_id) references sso_providers (municipality_id, id)
    on delete cascade
);
-- The callback knows only the state.
create index sso_login_attempts_state_idx on sso_login_attempts (state_hash);
create index sso_login_attempts_expiry_idx on sso_login_attempts (expires_at);

-- "Password log-in off for everyone else once SSO works": admins keep their password as
-- break-glass whatever this says.
alter table municipalities
  add column password_login_for_all boolean not null default true;
