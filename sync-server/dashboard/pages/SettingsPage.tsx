import { type FormEvent, useEffect, useState } from "react";
import {
  type AlertKindCode,
  alertKindCodes,
  thresholdOf,
} from "../../../shared/notifications-contract.ts";
import {
  fetchAlertRules,
  fetchAlerts,
  fetchSubscribers,
  fetchSubscription,
  putAlertRule,
  putSubscription,
} from "../api/notifications.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { AlertList } from "../components/AlertList.tsx";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

type Frequency = "" | "daily" | "weekly";

const roleKey = (role: string) =>
  role === "admin" ? "role_admin" : role === "chief" ? "role_chief" : "role_analyst";

/** One's own digest: none, daily or weekly, and its language. */
function DigestForm() {
  const { t } = useI18n();
  const current = useResource(fetchSubscription, "subscription", 0);
  const [frequency, setFrequency] = useState<Frequency>("");
  const [language, setLanguage] = useState<"da" | "en">("da");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const sub = current.data?.subscription;
    if (sub) {
      setFrequency(sub.frequency);
      setLanguage(sub.language === "en" ? "en" : "da");
    }
  }, [current.data]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setError(null);
    try {
      await putSubscription({ frequency: frequency === "" ? null : frequency, language });
      setMessage(frequency === "" ? t("digestOff") : t("digestSaved"));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  return (
    <section className="card" aria-labelledby="digest-h">
      <h2 id="digest-h">{t("digestTitle")}</h2>
      <p className="muted small">{t("digestHint")}</p>
      <Status resource={current} />
      <form className="form-grid" onSubmit={save}>
        <label>
          {t("digestFrequency")}
          <select value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)}>
            <option value="">{t("digestNone")}</option>
            <option value="daily">{t("digestDaily")}</option>
            <option value="weekly">{t("digestWeekly")}</option>
          </select>
        </label>
        <label>
          {t("digestLanguage")}
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "da")}
          >
            <option value="da">Dansk</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit">{t("save")}</button>
      </form>
      {message && <p role="status">{message}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

/** Admins and chiefs: one alert rule per site and kind, with its switch and recipients. */
function AlertRulesForm({ sites }: { sites: PageProps["session"]["sites"] }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const rules = useResource(fetchAlertRules, "rules", version);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? "");
  const [kind, setKind] = useState<AlertKindCode>("kiosk_silent");
  const [enabled, setEnabled] = useState(true);
  const [threshold, setThreshold] = useState(2);
  const [emails, setEmails] = useState("");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [language, setLanguage] = useState<"da" | "en">("da");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const limits = thresholdOf[kind];
  // The form shows the site's rule of that kind when there is one, else that kind's defaults.
  const existing = rules.data?.rules.find((rule) => rule.siteId === siteId && rule.kind === kind);
  useEffect(() => {
    setEnabled(existing?.enabled ?? true);
    setThreshold(existing?.threshold ?? thresholdOf[kind]?.fallback ?? 1);
    setEmails(existing?.emails.join(", ") ?? "");
    setWebhookUrl(existing?.webhookUrl ?? "");
    setLanguage(existing?.language === "en" ? "en" : "da");
  }, [existing, kind]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    try {
      await putAlertRule({
        siteId,
        kind,
        enabled,
        threshold: limits ? threshold : 1,
        emails: emails.split(/[\s,;]+/).filter(Boolean),
        webhookUrl: webhookUrl.trim() === "" ? null : webhookUrl.trim(),
        language,
      });
      setMessage(t("alertRuleSaved"));
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id;
  return (
    <section className="card" aria-labelledby="rules-h">
      <h2 id="rules-h">{t("alertRulesTitle")}</h2>
      <p className="muted small">{t("alertRulesHint")}</p>
      <form className="form-grid" onSubmit={save}>
        <label>
          {t("site")}
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("alertKindLabel")}
          <select value={kind} onChange={(e) => setKind(e.target.value as AlertKindCode)}>
            {alertKindCodes.map((code) => (
              <option key={code} value={code}>
                {t(`alertKind_${code}`)}
              </option>
            ))}
          </select>
        </label>
        {limits && (
          <label>
            {limits.param === "hours" ? t("alertHours") : t("alertMinAnswers")}
            <input
              type="number"
              min={limits.min}
              max={limits.max}
              required
              value={threshold}
              onChange={(e) => setThreshold(Number(e.target.value))}
            />
          </label>
        )}
        <label>
          {t("alertEmails")}
          <input type="text" value={emails} onChange={(e) => setEmails(e.target.value)} />
        </label>
        <label>
          {t("alertWebhook")}
          <input type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} />
        </label>
        <label>
          {t("alertLanguage")}
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "da")}
          >
            <option value="da">Dansk</option>
            <option value="en">English</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t("alertEnabled")}
        </label>
        <button type="submit">{t("save")}</button>
      </form>
      {message && <p role="status">{message}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <Status resource={rules} />
      {rules.data && rules.data.rules.length > 0 && (
        <ScrollTable label={t("alertRulesTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("site")}</th>
                <th scope="col">{t("alertKindLabel")}</th>
                <th scope="col">{t("alertEnabled")}</th>
                <th scope="col">{t("alertRecipients")}</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.rules.map((rule) => (
                <tr key={rule.id}>
                  <td>{siteName(rule.siteId)}</td>
                  <td>
                    {t(`alertKind_${rule.kind}`)}
                    {rule.threshold !== null && ` (${rule.threshold})`}
                  </td>
                  <td>{rule.enabled ? t("yes") : t("no")}</td>
                  <td>
                    {[...rule.emails, ...(rule.webhookUrl ? [rule.webhookUrl] : [])].join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

function Subscribers() {
  const { t } = useI18n();
  const subscribers = useResource(fetchSubscribers, "subscribers", 0);
  return (
    <section className="card" aria-labelledby="subscribers-h">
      <h2 id="subscribers-h">{t("subscribersTitle")}</h2>
      <Status resource={subscribers} />
      {subscribers.data && subscribers.data.subscribers.length === 0 && (
        <p className="muted">{t("subscribersNone")}</p>
      )}
      {subscribers.data && subscribers.data.subscribers.length > 0 && (
        <ScrollTable label={t("subscribersTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("digestFrequency")}</th>
                <th scope="col">{t("digestLanguage")}</th>
              </tr>
            </thead>
            <tbody>
              {subscribers.data.subscribers.map((row) => (
                <tr key={row.email}>
                  <td>{row.email}</td>
                  <td>{t(roleKey(row.role))}</td>
                  <td>{row.frequency === "weekly" ? t("digestWeekly") : t("digestDaily")}</td>
                  <td>{row.language === "en" ? "English" : "Dansk"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

/** Indstillinger: one's digest, the sites' alert rules (admins, chiefs), subscribers (admins). */
export function SettingsPage({ session, version }: PageProps) {
  const { t } = useI18n();
  const alerts = useResource(fetchAlerts, "alerts", version);
  const setsAlerts = session.role === "admin" || session.role === "chief";
  return (
    <>
      <h1>{t("settingsTitle")}</h1>
      {session.email !== null && <DigestForm />}
      <section className="card" aria-labelledby="alerts-h">
        <h2 id="alerts-h">{t("alertsTitle")}</h2>
        <Status resource={alerts} />
        {alerts.data && <AlertList alerts={alerts.data.alerts} sites={session.sites} />}
      </section>
      {setsAlerts && <AlertRulesForm sites={session.sites} />}
      {session.role === "admin" && <Subscribers />}
    </>
  );
}
