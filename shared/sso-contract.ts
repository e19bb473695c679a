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

/** A provider as admins see it: never the client secret, only whether one is stored. */
export type SsoProviderView = {
  id: string;
  kind: SsoKind;
  displayName: string;
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  scopes: string;
  groupsClaim: string;
  hasClientSecret: boolean;
};

/** GET /api/v1/admin/sso (and the reply of each change there). */
export type SsoAdminView = {
  municipalityId: string;
  providers: SsoProviderView[];
  mappings: SsoRoleMappingView[];
  /** False: only admins may log in with a password (break-glass). */
  passwordLoginForAll: boolean;
  /** What to register at the provider: <PUBLIC_URL>/api/v1/sso/oidc/callback. */
  redirectUri: string;
};
