import { getJson, sendJson } from "./http.ts";
import type {
  AdminKiosk,
  AdminSite,
  AdminUser,
  NewKiosk,
  NewUser,
  OpeningHours,
  Role,
} from "./types.ts";

/** /api/v1/admin: the admin pages' reads and changes (CSRF header added by http.ts). */

export const listSites = () => getJson<{ sites: AdminSite[] }>("admin/sites");
export const addSite = (site: { name: string; timezone?: string; openingHours?: OpeningHours }) =>
  sendJson<{ siteId: string }>("POST", "admin/sites", site);
export const updateSite = (
  id: string,
  changes: { name?: string; timezone?: string; openingHours?: OpeningHours },
) => sendJson<AdminSite>("PATCH", `admin/sites/${encodeURIComponent(id)}`, changes);

export const listKiosks = () => getJson<{ kiosks: AdminKiosk[] }>("admin/kiosks");
export const addKiosk = (kiosk: { siteId: string; name?: string }) =>
  sendJson<NewKiosk>("POST", "admin/kiosks", kiosk);
export const revokeKiosk = (id: string) =>
  sendJson<{ kioskId: string; revokedAt: string }>(
    "POST",
    `admin/kiosks/${encodeURIComponent(id)}/revoke`,
  );

export const listUsers = () => getJson<{ users: AdminUser[] }>("admin/users");
export const inviteUser = (user: { email: string; role: Role; siteIds: string[] }) =>
  sendJson<NewUser>("POST", "admin/users", user);
export const updateUser = (
  id: string,
  changes: { role?: Role; siteIds?: string[]; disabled?: boolean },
) => sendJson<AdminUser>("PATCH", `admin/users/${encodeURIComponent(id)}`, changes);
