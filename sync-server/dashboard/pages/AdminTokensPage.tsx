import { type FormEvent, useState } from "react";
import { type ApiToken, addToken, listTokens, type NewToken, revokeToken } from "../api/access.ts";
import { listSites } from "../api/admin.ts";
import { formatDateTime } from "../app/format.ts";
import { useResource } from "../app/useResource.ts";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { SiteCheckboxes } from "../components/SiteCheckboxes.tsx";
import { Status } from "../components/Status.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

const expiries: { value: string; label: MessageKey }[] = [
  { value: "90d", label: "expiry90" },
  { value: "30d", label: "expiry30" },
  { value: "365d", label: "expiry365" },
  { value: "", label: "expiryNever" },
];

/** Admin: API tokens for scripts (secret shown once), their expiry and last use, revocation. */
export function AdminTokensPage() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const tokens = useResource(listTokens, "tokens", version);
  const sites = useResource(listSites, "sites", 0);
  const [role, setRole] = useState<"chief" | "analyst">("analyst");
  const [label, setLabel] = useState("");
  const [expiresIn, setExpiresIn] = useState("90d");
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [created, setCreated] = useState<NewToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const when = (iso: string | null) => formatDateTime(iso, lang) ?? t("never");
  const siteNames = (token: ApiToken) =>
    token.siteIds.length === 0
      ? t("allSites")
      : token.siteIds
          .map((id) => sites.data?.sites.find((s) => s.id === id)?.name ?? id)
          .join(", ");

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(
        await addToken({
          role,
          siteIds,
          ...(label.trim() ? { label: label.trim() } : {}),
          ...(expiresIn ? { expiresIn } : {}),
        }),
      );
      setLabel("");
      setSiteIds([]);
      reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const revoke = async (token: ApiToken) => {
    if (!window.confirm(t("confirmRevokeToken"))) return;
    setError(null);
    try {
      await revokeToken(token.id);
      reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };

  return (
    <>
      <h1>{t("tokensTitle")}</h1>
      <p className="muted">{t("tokensIntro")}</p>
      <section className="card" aria-labelledby="new-token-h">
        <h2 id="new-token-h">{t("newToken")}</h2>
        <form className="form-grid" onSubmit={create}>
          <label>
            {t("tokenLabel")}
            <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <label>
            {t("role")}
            <select
              value={role}
              onChange={(e) => setRole(e.target.value === "chief" ? "chief" : "analyst")}
            >
              <option value="analyst">{t("role_analyst")}</option>
              <option value="chief">{t("role_chief")}</option>
            </select>
          </label>
          <label>
            {t("tokenExpiry")}
            <select value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)}>
              {expiries.map((expiry) => (
                <option key={expiry.value} value={expiry.value}>
                  {t(expiry.label)}
                </option>
              ))}
            </select>
          </label>
          <SiteCheckboxes
            sites={sites.data?.sites ?? []}
            siteIds={siteIds}
            setSiteIds={setSiteIds}
          />
          <div>
            <button type="submit">{t("createToken")}</button>
          </div>
        </form>
        {created && (
          <div className="once" role="status">
            <p>{t("tokenOnce")}</p>
            <code data-testid="new-token">{created.token}</code>
          </div>
        )}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Status resource={tokens} />
      {tokens.data && tokens.data.tokens.length === 0 && <p>{t("noTokens")}</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <ScrollTable label={t("tokensTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("sites")}</th>
                <th scope="col">{t("created")}</th>
                <th scope="col">{t("tokenExpiry")}</th>
                <th scope="col">{t("lastUsed")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.label ?? <code>{token.id}</code>}</th>
                  <td>{t(`role_${token.role}`)}</td>
                  <td>{siteNames(token)}</td>
                  <td>{when(token.createdAt)}</td>
                  <td>{when(token.expiresAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>{t(`status_${token.status}`)}</td>
                  <td>
                    {token.status !== "revoked" && (
                      <button type="button" className="secondary" onClick={() => revoke(token)}>
                        {t("revoke")}
                        <span className="visually-hidden"> {token.label ?? token.id}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
