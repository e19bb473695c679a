-- SAML 2.0 single sign-on (issue #17): what a SAML provider of 0018's sso_providers imported
-- from its IdP metadata, the AuthnRequests this SP sent (so a response's InResponseTo is
-- checked whichever server process made the request) and the assertion ids already used (so
-- a captured response cannot be posted again). Citus-ready: municipality_id leads every key.

-- One row per SAML provider whose IdP metadata has been imported (npm run admin -- sso saml
-- --metadata <file>). A SAML provider without a row here cannot log anybody in yet.
create table sso_saml_idps (
  municipality_id uuid not null,
  provider_id uuid not null,
  entity_id text not null check (length(btrim(entity_id)) between 1 and 1000),
  -- Where users are sent with an AuthnRequest (the HTTP-Redirect SingleSignOnService).
  sso_url text not null check (sso_url ~ '^https?://' and length(sso_url) <= 2000),
  -- Base64 DER certificates; a signature made by any of them is accepted (key rollover).
  signing_certs text[] not null check (cardinality(signing_certs) between 1 and 10),
  imported_at timestamptz not null default now(),
  primary key (municipality_id, provider_id),
  constraint sso_saml_idps_entity_key unique (municipality_id, entity_id),
  foreign key (municipality_id, provider_id) references sso_providers (municipality_id, id)
    on delete cascade
);

-- An AuthnRequest this SP sent, kept until it expires. The ACS knows only the response's
-- InResponseTo, so the id alone finds the row (it is 160 random bits). used_at is set by the
-- first response to it: a second one is a replay, and is told apart from an unknown request.
-- browser_hash binds it to the browser that started it (sha256 of the bp_sso_browser cookie the
-- OIDC log-in uses too), so a response cannot be pushed into somebody else's browser.
create table sso_saml_requests (
  municipality_id uuid not null,
  provider_id uuid not null,
  id text not null check (length(id) between 1 and 200),
  browser_hash bytea not null check (length(browser_hash) = 32),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (municipality_id, id),
  foreign key (municipality_id, provider_id) references sso_saml_idps (municipality_id, provider_id)
    on delete cascade
);
create index sso_saml_requests_id_idx on sso_saml_requests (id);

-- Assertion ids already accepted, kept until the assertion would have expired anyway.
create table sso_saml_used_assertions (
  municipality_id uuid not null,
  provider_id uuid not null,
  assertion_id text not null check (length(assertion_id) between 1 and 200),
  expires_at timestamptz not null,
  primary key (municipality_id, provider_id, assertion_id),
  foreign key (municipality_id, provider_id) references sso_saml_idps (municipality_id, provider_id)
    on delete cascade
);
-- Expired ids are swept by the next log-in of the same municipality.
create index sso_saml_used_assertions_expiry_idx on sso_saml_used_assertions (municipality_id, expires_at);
