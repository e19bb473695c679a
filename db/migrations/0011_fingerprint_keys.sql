-- Keyed response fingerprints (issue #13). content_hash was an unkeyed sha256 of the response as
-- sent; with every other field in the row, the scrubbed free text could be brute-forced back.
-- Now content_hash is HMAC-SHA-256 of that digest under a secret kept outside the database
-- (DATA_DIR/fingerprint-keys, see README "Fingerprint keys"); content_key names which key.
-- NULL marks a row stored before this migration: the server re-keys those at start
-- (sync-server/ingest/rekey-fingerprints.ts), as only it has the secret.
alter table responses add column content_key smallint check (content_key > 0);

-- One row per key ever configured: a verifier (HMAC of a fixed text under the key) lets every
-- server check that its key file is the one the rows were fingerprinted with, without the
-- database learning the key. A second server with a fresh, different file refuses to start.
create table fingerprint_keys (
  id smallint primary key check (id > 0),
  verifier bytea not null check (length(verifier) = 32),
  created_at timestamptz not null default now()
);

-- Finds the rows still to re-key without reading the whole table at every start; empty once done.
create index responses_unkeyed_idx on responses (municipality_id, id) where content_key is null;
