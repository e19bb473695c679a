import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { KioskStatus } from "../store/meta.ts";
import type { StaffActions } from "./actions.ts";
import { PinForm } from "./PinForm.tsx";
import { StaffStatus } from "./StaffStatus.tsx";

/** Staff mode: status, enrolment, PIN, "sync now" and the way back to the citizens' screen. */
export function StaffScreen(props: {
  actions: StaffActions;
  /** A result to show on opening, e.g. of enrolment by link. */
  notice?: string | undefined;
  onExit: () => void;
}) {
  const { actions } = props;
  const heading = useFocusHeading<HTMLHeadingElement>("staff");
  const [status, setStatus] = useState<KioskStatus>();
  const [serverUrl, setServerUrl] = useState(window.location.origin);
  const [token, setToken] = useState("");
  const [message, setMessage] = useState(props.notice ?? "");

  const refresh = useCallback(() => {
    actions.status().then(setStatus, () => setMessage("Kunne ikke læse status."));
  }, [actions]);
  useEffect(() => {
    refresh();
    // Sync runs in the background; keep the figures current while staff watch.
    const timer = window.setInterval(refresh, 1000);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const enrol = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    const result = await actions.enrol(serverUrl, token);
    setMessage(result.message);
    if (result.ok) setToken("");
    refresh();
  };

  return (
    <section className="screen staff" data-screen="staff" lang="da" dir="ltr">
      <h1 ref={heading} tabIndex={-1}>
        Personale: status
      </h1>
      <StaffStatus status={status} />
      <p className="notice" role="status">
        {message}
      </p>
      <div className="controls">
        <button
          type="button"
          className="primary"
          data-staff="sync"
          onClick={() => {
            actions.syncNow();
            setMessage("Synkronisering er sat i gang.");
          }}
        >
          Synkroniser nu
        </button>
        <button type="button" className="secondary" data-staff="exit" onClick={props.onExit}>
          Afslut personaletilstand
        </button>
      </div>
      <form className="staff-form" onSubmit={enrol}>
        <h2>Tilmeld kiosken</h2>
        <label htmlFor="enrol-server">Serveradresse</label>
        <input
          id="enrol-server"
          type="url"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
        />
        <label htmlFor="enrol-token">Kiosk-token (fra npm run admin -- kiosk add)</label>
        <input
          id="enrol-token"
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <button type="submit" className="primary" data-staff="enrol">
          Tilmeld
        </button>
      </form>
      {status?.enrolment ? (
        <PinForm
          idPrefix="new-pin"
          heading="PIN-kode til personaletilstand"
          submitLabel="Gem PIN-kode"
          onSave={actions.setPin}
          onSaved={(saved) => {
            setMessage(saved);
            refresh();
          }}
        />
      ) : (
        <p>PIN-koden vælges, når kiosken er tilmeldt.</p>
      )}
    </section>
  );
}
