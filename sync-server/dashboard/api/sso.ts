import type { Role } from "../../../shared/roles.ts";
import type {
  SamlAdminView,
  SamlSettingsBody,
  SsoAdminView,
} from "../../../shared/sso-contract.ts";
import { getJson, sendJson } from "./http.ts";

/** The admin's single sign-on page (shapes: shared/sso-contract.ts). */
export const ssoSettings = () => getJson<SsoAdminView>("admin/sso");
export const saveOidc = (settings: {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  groupsClaim: string;
  scopes: string;
  enabled: boolean;
}) => sendJson<SsoAdminView>("PUT", "admin/sso/oidc", settings);
export const addMapping = (mapping: { group: string; role: Role; siteIds: string[] }) =>
  sendJson<SsoAdminView>("POST", "admin/sso/mappings", mapping);
export const removeMapping = (id: string) =>
  sendJson<SsoAdminView>("DELETE", `admin/sso/mappings/${encodeURIComponent(id)}`);
export const setPasswordLoginForAll = (forAll: boolean) =>
  sendJson<SsoAdminView>("PUT", "admin/sso/password-login", { forAll });
export const saveSaml = (settings: SamlSettingsBody) =>
  sendJson<SamlAdminView>("PUT", "admin/sso/saml", settings);
