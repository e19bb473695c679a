import { useCallback, useEffect, useState } from "react";
import { setUnauthorizedHandler } from "../api/http.ts";
import { currentSession, logOut } from "../api/session.ts";
import type { Session } from "../api/types.ts";
import { useI18n } from "../i18n/index.tsx";
import { LoginPage } from "../pages/LoginPage.tsx";
import { Shell } from "./Shell.tsx";

/** Asks who is logged in, then shows the log-in page or the dashboard shell. */
export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    currentSession().then(setSession, () => setSession(null));
    setUnauthorizedHandler(() => setSession(null));
    return () => setUnauthorizedHandler(null);
  }, []);
  const onLogOut = useCallback(async () => {
    try {
      await logOut();
    } finally {
      setSession(null);
    }
  }, []);
  if (session === undefined) {
    return (
      <main id="main" className="centered">
        <p role="status">{t("loading")}</p>
      </main>
    );
  }
  if (session === null) return <LoginPage onLoggedIn={setSession} />;
  return <Shell session={session} onLogOut={onLogOut} />;
}
