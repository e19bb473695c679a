import { getJson, sendJson } from "./http.ts";
import type { Role } from "./types.ts";

/** API tokens, the audit log, one's own sessions and password (CSRF header added by http.ts). */

export type TokenStatus = "active" | "expired" | "revoked";
export type ApiToken = {
  id: string;
  role: Role;
  label: string | null;
  siteIds: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: TokenStatus;
};
export type NewToken = { tokenId: string; role: Role; token: string; expiresAt: string | null };

export const listTokens = () => getJson<{ tokens: ApiToken[] }>("admin/tokens");
export const addToken = (token: {
  role: "chief" | "analyst";
  siteIds: string[];
  label?: string;
  expiresIn?: string;
}) => sendJson<NewToken>("POST", "admin/tokens", token);
export const revokeToken = (id: string) =>
  sendJson<ApiToken>("POST", `admin/tokens/${encodeURIComponent(id)}/revoke`);

export type AuditEntry = {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
};
export type AuditPage = { entries: AuditEntry[]; nextBefore: string | null };

export const listAudit = (query: { action?: string; before?: string }) =>
  getJson<AuditPage>("admin/audit", { ...query, limit: 100 });

export const resetPassword = (userId: string) =>
  sendJson<{ userId: string; email: string; password: string }>(
    "POST",
    `admin/users/${encodeURIComponent(userId)}/password`,
  );

export type OwnSession = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
};

export const listOwnSessions = () => getJson<{ sessions: OwnSession[] }>("account/sessions");
export const endOwnSession = (id: string) =>
  sendJson<undefined>("DELETE", `account/sessions/${encodeURIComponent(id)}`);
export const logOutEverywhere = () => sendJson<undefined>("DELETE", "account/sessions");
export const changePassword = (currentPassword: string, newPassword: string) =>
  sendJson<undefined>("PUT", "account/password", { currentPassword, newPassword });
