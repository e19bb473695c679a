import { type FormEvent, useEffect, useState } from "react";
import type { SamlAdminView, SamlSettingsBody } from "../../../shared/sso-contract.ts";
import { formatDateTime } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";

/**
 * The municipality's SAML provider on the admin SSO page: what to give the IdP (SP metadata
 * URL, ACS), what was imported from it, and a form to import its metadata file (again after a
 * key rollover). The same check as `sso saml --metadata` runs on the server.
 */
export function SamlProvider({
  saml,
  defaultName,
  onSave,
}: {
  saml: SamlAdminView | null;
  defaultName: string;
  onSave: (settings: SamlSettingsBody) => Promise<boolean>;
}) {
  const { t, lang } = useI18n();
  const [displayName, setDisplayName] = useState(saml?.displayName ?? defaultName);
  const [enabled, setEnabled] = useState(saml?.enabled ?? true);
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (saml) {
      setDisplayName(saml.displayName);
      setEnabled(saml.enabled);
    }
  }, [saml]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!file) return;
    const metadataXml = await file.text();
    setSaved(await onSave({ displayName: displayName.trim(), metadataXml, enabled }));
  };

  return (
    <section className="card" aria-labelledby="sso-saml-h">
      <h2 id="sso-saml-h">{t("ssoSaml")}</h2>
      <p className="muted">{t("ssoSamlIntro")}</p>
      {saml && (
        <dl className="sso-saml-endpoints">
          <dt>{t("ssoSamlSpMetadata")}</dt>
          <dd>
            <code data-testid="saml-sp-metadata">{saml.spMetadataUrl}</code>
          </dd>
          <dt>{t("ssoSamlAcs")}</dt>
          <dd>
            <code>{saml.acsUrl}</code>
          </dd>
          <dt>{t("ssoSamlIdp")}</dt>
          <dd data-testid="saml-idp">
            {saml.idp
              ? `${saml.idp.entityId} (${saml.idp.signingCertificates} ${t("ssoSamlCertificates")}, ${t("ssoSamlImported")} ${formatDateTime(saml.idp.importedAt, lang)})`
              : t("ssoSamlNoIdp")}
          </dd>
        </dl>
      )}
      <form className="form-grid" onSubmit={save}>
        <label>
          {t("ssoDisplayName")}
          <input
            type="text"
            required
            maxLength={200}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </label>
        <label>
          {t("ssoSamlFile")}
          <input
            type="file"
            required
            accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t("ssoEnabled")}
        </label>
        <div>
          <button type="submit">{t("ssoSamlImport")}</button>
        </div>
      </form>
      {saved && <p role="status">{t("ssoSamlSaved")}</p>}
    </section>
  );
}
