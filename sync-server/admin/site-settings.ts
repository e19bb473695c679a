import { AppError } from "../../shared/errors.ts";
import {
  effectiveSettings,
  isSettingKey,
  type KioskSettings,
  kioskSettingsProblems,
  readChosenSettings,
  type SiteKioskSettings,
} from "../../shared/kiosk-settings.ts";
import { type OpeningHours, openingHoursProblems } from "../../shared/opening-hours.ts";
import { inTransaction, type Pool } from "../db.ts";
import { type AuditActorKind, insertAuditEntries } from "../queries/audit-log.ts";
import {
  findSiteKioskSettings,
  findSitesByIds,
  type SiteKioskSettingsRow,
  updateKioskSettings,
} from "../queries/sites.ts";

/** A site's central kiosk settings: read and changed by the CLI and the admin pages alike. */

export type { SiteKioskSettings };

/** Who changes the settings, for the audit log. */
export type SettingsActor = { kind: AuditActorKind; id?: string | null; label?: string | null };

/** A change: a value sets a setting, null puts it back to its default. */
export type SettingsChange = { [K in keyof KioskSettings]?: KioskSettings[K] | null };

function toSettings(siteId: string, row: SiteKioskSettingsRow): SiteKioskSettings {
  // Written only through kioskSettingsProblems below; an unreadable row means defaults.
  const chosen = readChosenSettings(row.values) ?? {};
  return { siteId, version: row.version, chosen, effective: effectiveSettings(chosen) };
}

/** The sync reply's `settings`: undefined only when the site's stored facts are unreadable. */
export function syncedSettingsOf(row: SiteKioskSettingsRow) {
  const chosen = readChosenSettings(row.values);
  if (!chosen || openingHoursProblems(row.openingHours).length > 0) return undefined;
  return {
    version: row.version,
    values: chosen,
    timezone: row.timezone,
    openingHours: row.openingHours as OpeningHours,
  };
}

async function requireSite(pool: Pool, siteId: string, municipalityId?: string) {
  const [site] = /^[0-9a-f-]{36}$/i.test(siteId) ? await findSitesByIds(pool, [siteId]) : [];
  if (!site || (municipalityId !== undefined && site.municipalityId !== municipalityId))
    throw new AppError("unknown_site", `No site has the id ${siteId}.`);
  return site;
}

export async function showSiteSettings(
  pool: Pool,
  siteId: string,
  municipalityId?: string,
): Promise<SiteKioskSettings> {
  const site = await requireSite(pool, siteId, municipalityId);
  const row = await findSiteKioskSettings(pool, site);
  if (!row) throw new AppError("unknown_site", `No site has the id ${siteId}.`);
  return toSettings(site.id, row);
}

/**
 * Applies a change (or, with reset, goes back to all defaults), checks the result as a whole,
 * stores it and records who did it. Kiosks receive it with their next sync.
 */
export async function changeSiteSettings(
  pool: Pool,
  input: {
    siteId: string;
    municipalityId?: string;
    change: SettingsChange;
    reset?: boolean;
    actor: SettingsActor;
  },
): Promise<SiteKioskSettings> {
  const site = await requireSite(pool, input.siteId, input.municipalityId);
  return inTransaction(pool, async (client) => {
    const before = await findSiteKioskSettings(client, site);
    if (!before) throw new AppError("unknown_site", `No site has the id ${input.siteId}.`);
    const merged: Record<string, unknown> = input.reset
      ? {}
      : { ...(readChosenSettings(before.values) ?? {}) };
    for (const [key, value] of Object.entries(input.change)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    const problems = kioskSettingsProblems(merged);
    if (problems.length) throw new AppError("invalid_kiosk_settings", `${problems.join("; ")}.`);
    const after = await updateKioskSettings(client, site, merged);
    if (!after) throw new AppError("unknown_site", `No site has the id ${input.siteId}.`);
    await insertAuditEntries(client, [
      {
        municipalityId: site.municipalityId,
        actorKind: input.actor.kind,
        actorId: input.actor.id ?? null,
        actorLabel: input.actor.label ?? null,
        action: "site.kiosk_settings_changed",
        targetId: site.id,
        details: { before: before.values, after: merged, version: after.version },
      },
    ]);
    return toSettings(site.id, after);
  });
}

/**
 * The admin pages' PATCH body: {"idleMs": 60000, "languages": null, …, "reset"?: true}; a value
 * sets a setting, null puts it back to the default.
 */
export function changeFromBody(body: unknown): { change: SettingsChange; reset: boolean } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AppError("invalid_kiosk_settings", "Send a JSON object of settings.");
  const values: Record<string, unknown> = {};
  const cleared: (keyof KioskSettings)[] = [];
  let reset = false;
  for (const [key, value] of Object.entries(body)) {
    if (key === "reset") {
      if (typeof value !== "boolean")
        throw new AppError("invalid_kiosk_settings", "reset: true or false.");
      reset = value;
    } else if (value === null && isSettingKey(key)) cleared.push(key);
    else values[key] = value;
  }
  const problems = kioskSettingsProblems(values);
  if (problems.length) throw new AppError("invalid_kiosk_settings", `${problems.join("; ")}.`);
  const change: SettingsChange = { ...readChosenSettings(values) };
  for (const key of cleared) change[key] = null;
  return { change, reset };
}
