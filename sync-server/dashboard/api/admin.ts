import type { KioskSettings } from "../../../shared/kiosk-settings.ts";
import { getJson, sendJson } from "./http.ts";
import type {
  AdminKiosk,
  AdminSite,
  AdminUser,
  NewKiosk,
  NewUser,
  OpeningHours,
  RecoveryCode,
  Role,
  SiteKioskSettings,
} from "./types.ts";

/** /api/v1/admin: the admin pages' reads and changes (CSRF header added by http.ts). */

export const listSites = () => getJson<{ sites: AdminSite[] }>("admin/sites");
export const addSite = (site: { name: string; timezone?: string; openingHours?: OpeningHours }) =>
  sendJson<{ siteId: string }>("POST", "admin/sites", site);
export const updateSite = (
  id: string,
  changes: { name?: string; timezone?: string; openingHours?: OpeningHours },
) => sendJson<AdminSite>("PATCH", `admin/sites/${encodeURIComponent(id)}`, changes);

export const getKioskSettings = (siteId: string) =>
  getJson<SiteKioskSettings>(`admin/sites/${encodeURIComponent(siteId)}/kiosk-settings`);
/** A value sets a setting; null puts it back to the default. */
export const changeKioskSettings = (
  siteId: string,
  change: { [K in keyof KioskSettings]?: KioskSettings[K] | null } & { reset?: boolean },
) =>
  sendJson<SiteKioskSettings>(
    "PATCH",
    `admin/sites/${encodeURIComponent(siteId)}/kiosk-settings`,
    change,
  );

export const listKiosks = () => getJson<{ kiosks: AdminKiosk[] }>("admin/kiosks");
export const addKiosk = (kiosk: { siteId: string; name?: string }) =>
  sendJson<NewKiosk>("POST", "admin/kiosks", kiosk);
export const revokeKiosk = (id: string) =>
  sendJson<{ kioskId: string; revokedAt: string }>(
    "POST",
    `admin/kiosks/${encodeURIComponent(id)}/revoke`,
  );

export const issueRecoveryCode = (kioskId: string) =>
  sendJson<RecoveryCode>("POST", `admin/kiosks/${encodeURIComponent(kioskId)}/recovery-code`);

export const listUsers = () => getJson<{ users: AdminUser[] }>("admin/users");
export const inviteUser = (user: { email: string; role: Role; siteIds: string[] }) =>
  sendJson<NewUser>("POST", "admin/users", user);
export const updateUser = (
  id: string,
  changes: { role?: Role; siteIds?: string[]; disabled?: boolean },
) => sendJson<AdminUser>("PATCH", `admin/users/${encodeURIComponent(id)}`, changes);
