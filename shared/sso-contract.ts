/**
 * The single sign-on API's shapes (docs: README "Single sign-on"), imported by the server
 * (http/sso-routes.ts, http/admin-sso-routes.ts) and the dashboard alike.
 */
import type { Role } from "./roles.ts";

export type SsoKind = "oidc" | "saml";

/** GET /api/v1/sso/providers: what the log-in page offers. */
export type SsoProviderButton = {
  providerId: string;
  kind: SsoKind;
  displayName: string;
  municipality: string;
  /** Where the "Log ind med …" link goes: the protocol's start route. */
  startUrl: string;
};
export type SsoProvidersReply = { providers: SsoProviderButton[] };

/** POST /api/v1/sso/logout: the session has ended; go on to the provider when it says where. */
export type SsoLogoutReply = { redirectTo: string | null };

/** A mapping rule: members of group get role at siteIds (empty: every site). */
export type SsoRoleMappingView = { id: string; group: string; role: Role; siteIds: string[] };
