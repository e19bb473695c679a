import { type FormEvent, useEffect, useState } from "react";
import type { SsoProviderButton } from "../../../shared/sso-contract.ts";
import { ApiError } from "../api/http.ts";
import { logIn, ssoProviders } from "../api/session.ts";
import type { Session } from "../api/types.ts";
import { useI18n } from "../i18n/index.tsx";

export function LoginPage({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const { t, lang, setLang } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<SsoProviderButton[]>([]);
  useEffect(() => {
    ssoProviders().then(setProviders);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await logIn(email, password));
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : "";
      setError(
        code === "login_failed"
          ? t("loginFailed")
          : code === "too_many_attempts"
            ? t("tooManyAttempts")
            : code === "server_busy"
              ? t("serverBusy")
              : `${t("error")}: ${caught instanceof Error ? caught.message : ""}`,
      );
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <div className="login-card">
        <div className="login-head">
          <span className="logo" aria-hidden="true" />
          <button
            type="button"
            className="link-button"
            lang={lang === "da" ? "en" : "da"}
            aria-label={t("languageLabel")}
            onClick={() => setLang(lang === "da" ? "en" : "da")}
          >
            {t("language")}
          </button>
        </div>
        <h1>{t("appName")}</h1>
        <h2>{t("loginTitle")}</h2>
        <p className="muted">{t("loginIntro")}</p>
        {providers.length > 0 && (
          <ul className="sso-buttons">
            {providers.map((provider) => (
              <li key={provider.providerId}>
                <a className="button" href={provider.startUrl}>
                  {t("logInWith")} {provider.displayName}
                </a>
              </li>
            ))}
          </ul>
        )}
        {providers.length > 0 && <p className="muted">{t("orWithPassword")}</p>}
        <form onSubmit={submit} noValidate>
          <label>
            {t("email")}
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label>
            {t("password")}
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {t("logIn")}
          </button>
        </form>
      </div>
    </main>
  );
}
