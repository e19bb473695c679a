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

/** The municipality's SAML 2.0 provider as admins see it (README "SAML 2.0"). */
export type SamlAdminView = {
  providerId: string;
  displayName: string;
  enabled: boolean;
  /** Give this to the IdP (Context Handler: upload it); it is also the SP entity id. */
  spMetadataUrl: string;
  acsUrl: string;
  /** The IdP metadata last imported; null while none is. */
  idp: { entityId: string; ssoUrl: string; signingCertificates: number; importedAt: string } | null;
};

/** PUT /api/v1/admin/sso/saml: import (or re-import) the IdP's metadata XML. */
export type SamlSettingsBody = { displayName: string; metadataXml: string; enabled: boolean };

/** GET /api/v1/admin/sso (and the reply of each change there). */
export type SsoAdminView = {
  municipalityId: string;
  providers: SsoProviderView[];
  mappings: SsoRoleMappingView[];
  /** False: only admins may log in with a password (break-glass). */
  passwordLoginForAll: boolean;
  /** What to register at the provider: <PUBLIC_URL>/api/v1/sso/oidc/callback. */
  redirectUri: string;
  /** Null until the municipality has a SAML provider. */
  saml: SamlAdminView | null;
};
