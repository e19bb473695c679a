-- Kiosk health: one row per kiosk, kept up to date by every sync in the same transaction as the
-- responses it brings, so municipal IT can see that each tablet still syncs, what it runs, how
-- far its clock is off and whether answers went missing on the device (gaps in seq).
-- Citus-ready: municipality_id leads the key and the foreign key (../shared/scale-out.md).

create table kiosk_health (
  municipality_id uuid not null,
  kiosk_id uuid not null,
  site_id uuid not null,
  last_sync_at timestamptz not null,
  -- As the kiosk names itself in the X-Kiosk-Version header; null when it sent none.
  app_version text check (length(app_version) <= 100),
  -- Server time minus device time at the last sync, in ms (positive: the device is behind).
  clock_offset_ms integer,
  -- Highest seq ever stored for the kiosk, and how many responses it has stored: fewer stored
  -- than the highest seq means gaps (kiosk_seq_gaps in sync-server/queries/kiosk-health.ts
  -- lists them). Both only grow, by the rows each sync actually inserts.
  highest_seq integer not null default 0 check (highest_seq >= 0),
  stored_count bigint not null default 0 check (stored_count >= 0),
  -- The outcome of the last sync request, for the health page.
  last_accepted integer not null default 0,
  last_duplicates integer not null default 0,
  last_rejected integer not null default 0,
  primary key (municipality_id, kiosk_id),
  foreign key (municipality_id, site_id, kiosk_id) references kiosks (municipality_id, site_id, id)
);
