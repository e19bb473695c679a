-- Central kiosk settings per site, and the count of PIN recovery codes shown per kiosk.

-- Only the values an admin chose ({"idleMs": 60000, "languages": ["da","en"], …}); the rest
-- are the defaults in shared/kiosk-settings.ts, which also checks the shape.
alter table sites
  add column kiosk_settings jsonb not null default '{}',
  add column kiosk_settings_version integer not null default 1,
  add constraint sites_kiosk_settings_object check (jsonb_typeof(kiosk_settings) = 'object');

-- Kiosks receive the settings with the site's time zone and opening hours (the sleep screen);
-- a change to any of them is a new version. The database bumps it, so no writer can forget.
create function sites_bump_kiosk_settings_version() returns trigger
language plpgsql as $$
begin
  if new.kiosk_settings is distinct from old.kiosk_settings
     or new.timezone is distinct from old.timezone
     or new.opening_hours is distinct from old.opening_hours then
    new.kiosk_settings_version := old.kiosk_settings_version + 1;
  end if;
  return new;
end
$$;

create trigger sites_kiosk_settings_version
  before update on sites
  for each row execute function sites_bump_kiosk_settings_version();

-- Recovery code n of a kiosk is derived from its token hash (shared/pin-recovery.ts); this
-- counts the codes shown to admins, so each new one is a code the kiosk has not used.
alter table kiosks
  add column pin_recovery_issued integer not null default 0
    constraint kiosks_pin_recovery_issued_check check (pin_recovery_issued >= 0);
