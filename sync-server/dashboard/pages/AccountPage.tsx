import { type FormEvent, useState } from "react";
import {
  changePassword,
  endOwnSession,
  listOwnSessions,
  logOutEverywhere,
  type OwnSession,
} from "../api/access.ts";
import { formatDateTime } from "../app/format.ts";
import { useResource } from "../app/useResource.ts";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

/** One's own account: change the password, see where one is logged in, log out there. */
export function AccountPage({ onLoggedOut }: { onLoggedOut: () => void }) {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const sessions = useResource(listOwnSessions, "sessions", version);
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const fail = (caught: unknown) => setError(caught instanceof Error ? caught.message : t("error"));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    try {
      await changePassword(current, fresh);
      setCurrent("");
      setFresh("");
      setMessage(t("passwordChanged"));
      reload();
    } catch (caught) {
      fail(caught);
    }
  };
  const end = async (session: OwnSession) => {
    setError(null);
    try {
      await endOwnSession(session.id);
      if (session.current) onLoggedOut();
      else reload();
    } catch (caught) {
      fail(caught);
    }
  };
  const everywhere = async () => {
    setError(null);
    try {
      await logOutEverywhere();
      onLoggedOut();
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <>
      <h1>{t("accountTitle")}</h1>
      <section className="card" aria-labelledby="password-h">
        <h2 id="password-h">{t("changePassword")}</h2>
        <form className="form-grid" onSubmit={submit}>
          <label>
            {t("currentPassword")}
            <input
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </label>
          <label>
            {t("newPassword")}
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={fresh}
              onChange={(e) => setFresh(e.target.value)}
            />
          </label>
          <div>
            <button type="submit">{t("changePassword")}</button>
          </div>
        </form>
        {message && <p role="status">{message}</p>}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t("mySessions")}</h2>
        <p className="muted">{t("mySessionsIntro")}</p>
        <Status resource={sessions} />
        {sessions.data && (
          <ScrollTable label={t("mySessions")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("browser")}</th>
                  <th scope="col">{t("address")}</th>
                  <th scope="col">{t("created")}</th>
                  <th scope="col">{t("lastUsed")}</th>
                  <th scope="col">{t("actions")}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.sessions.map((session) => (
                  <tr key={session.id}>
                    <th scope="row">
                      {session.userAgent ?? "–"}
                      {session.current && <strong> ({t("thisSession")})</strong>}
                    </th>
                    <td>{session.ip ?? "–"}</td>
                    <td>{formatDateTime(session.createdAt, lang)}</td>
                    <td>{formatDateTime(session.lastSeenAt, lang)}</td>
                    <td>
                      <button type="button" className="secondary" onClick={() => end(session)}>
                        {t("endSession")}
                        <span className="visually-hidden">
                          {" "}
                          {session.userAgent ?? ""} {formatDateTime(session.createdAt, lang)}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <button type="button" onClick={everywhere}>
          {t("logOutEverywhere")}
        </button>
      </section>
    </>
  );
}
