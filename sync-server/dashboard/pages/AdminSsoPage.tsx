import { type FormEvent, useEffect, useState } from "react";
import type { Role } from "../../../shared/roles.ts";
import type { SsoAdminView, SsoRoleMappingView } from "../../../shared/sso-contract.ts";
import { listSites } from "../api/admin.ts";
import {
  addMapping,
  removeMapping,
  saveOidc,
  saveSaml,
  setPasswordLoginForAll,
  ssoSettings,
} from "../api/sso.ts";
import { useResource } from "../app/useResource.ts";
import { SamlProvider } from "../components/SamlProvider.tsx";
import { SsoMappings } from "../components/SsoMappings.tsx";
import { Status } from "../components/Status.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

type OidcForm = {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  scopes: string;
  enabled: boolean;
};

/** The form's text inputs, in order; the secret is never sent back, so it starts empty. */
const textFields: { key: Exclude<keyof OidcForm, "enabled">; label: MessageKey; type: string }[] = [
  { key: "displayName", label: "ssoDisplayName", type: "text" },
  { key: "issuer", label: "ssoIssuer", type: "url" },
  { key: "clientId", label: "ssoClientId", type: "text" },
  { key: "clientSecret", label: "ssoClientSecret", type: "password" },
  { key: "groupsClaim", label: "ssoGroupsClaim", type: "text" },
  { key: "scopes", label: "ssoScopes", type: "text" },
];

const emptyForm: OidcForm = {
  displayName: "",
  issuer: "",
  clientId: "",
  clientSecret: "",
  groupsClaim: "groups",
  scopes: "openid email profile",
  enabled: true,
};

function formOf(settings: SsoAdminView): OidcForm {
  const oidc = settings.providers.find((provider) => provider.kind === "oidc");
  if (!oidc) return emptyForm;
  return {
    displayName: oidc.displayName,
    issuer: oidc.issuer ?? "",
    clientId: oidc.clientId ?? "",
    clientSecret: "",
    groupsClaim: oidc.groupsClaim,
    scopes: oidc.scopes,
    enabled: oidc.enabled,
  };
}

/**
 * Admin: the municipality's OpenID Connect and SAML providers, group → role rules, and
 * password log-in.
 */
export function AdminSsoPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const settings = useResource(ssoSettings, "sso", version);
  const sites = useResource(listSites, "sites", 0);
  const [form, setForm] = useState<OidcForm>(emptyForm);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const data = settings.data;
  useEffect(() => {
    if (data) setForm(formOf(data));
  }, [data]);
  const hasSecret = data?.providers.some((p) => p.kind === "oidc" && p.hasClientSecret) ?? false;

  /** Runs a change; the page reloads what the server now holds, or shows why not. */
  const change = async (work: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setSaved(false);
    try {
      await work();
      setVersion((v) => v + 1);
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
      return false;
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { clientSecret, ...rest } = form;
    if (await change(() => saveOidc(clientSecret ? { ...rest, clientSecret } : rest)))
      setSaved(true);
  };
  const remove = (mapping: SsoRoleMappingView) => {
    if (window.confirm(t("ssoConfirmRemove"))) void change(() => removeMapping(mapping.id));
  };
  const add = (mapping: { group: string; role: Role; siteIds: string[] }) =>
    change(() => addMapping(mapping));

  return (
    <>
      <h1>{t("ssoTitle")}</h1>
      <p className="muted">{t("ssoIntro")}</p>
      <Status resource={settings} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <section className="card" aria-labelledby="sso-oidc-h">
            <h2 id="sso-oidc-h">{t("ssoOidc")}</h2>
            <p className="sso-redirect">
              {t("ssoRedirectUri")}: <code data-testid="sso-redirect-uri">{data.redirectUri}</code>
            </p>
            <form className="form-grid" onSubmit={save}>
              {textFields.map(({ key, label, type }) => (
                <label key={key}>
                  {t(label)}
                  <input
                    type={type}
                    required={key !== "clientSecret" || !hasSecret}
                    autoComplete={key === "clientSecret" ? "off" : undefined}
                    placeholder={
                      key === "clientSecret" && hasSecret ? t("ssoSecretKept") : undefined
                    }
                    value={form[key]}
                    onChange={(e) =>
                      setForm((previous) => ({ ...previous, [key]: e.target.value }))
                    }
                  />
                </label>
              ))}
              <label className="inline">
                <input
                  type="checkbox"
                  checked={form.enabled}
                  onChange={(e) =>
                    setForm((previous) => ({ ...previous, enabled: e.target.checked }))
                  }
                />
                {t("ssoEnabled")}
              </label>
              <div>
                <button type="submit">{t("save")}</button>
              </div>
            </form>
            {saved && <p role="status">{t("ssoSaved")}</p>}
          </section>
          <SamlProvider
            saml={data.saml}
            defaultName={form.displayName}
            onSave={(settings) => change(() => saveSaml(settings))}
          />
          <SsoMappings
            mappings={data.mappings}
            sites={sites.data?.sites ?? []}
            onAdd={add}
            onRemove={remove}
          />
          <section className="card" aria-labelledby="sso-password-h">
            <h2 id="sso-password-h">{t("ssoPasswordLogin")}</h2>
            <p>
              {data.passwordLoginForAll ? t("ssoPasswordOnForAll") : t("ssoPasswordAdminsOnly")}
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => void change(() => setPasswordLoginForAll(!data.passwordLoginForAll))}
            >
              {data.passwordLoginForAll ? t("ssoPasswordTurnOff") : t("ssoPasswordTurnOn")}
            </button>
          </section>
        </>
      )}
    </>
  );
}
