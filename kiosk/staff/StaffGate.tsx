import { type FormEvent, useState } from "react";
import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { EntryCheck } from "./actions.ts";
import { lockoutText, useLockout } from "./useLockout.ts";

/**
 * A secret to enter before staff mode: the PIN, or (mode "recover") a one-time recovery code
 * from the dashboard. Wrong entries count towards the same lockout. In Danish: it is for staff.
 */
export function StaffGate(props: {
  mode: "pin" | "recover";
  check: (secret: string) => Promise<EntryCheck>;
  lockedUntil: () => Promise<number>;
  onOpen: () => void;
  onCancel: () => void;
  /** Offered on the PIN prompt: the way to a recovery code. */
  onForgot?: () => void;
  /** Why the PIN is asked for now (e.g. enrolment by link). */
  reason?: string | undefined;
}) {
  const recover = props.mode === "recover";
  const heading = useFocusHeading<HTMLHeadingElement>(`staff-gate-${props.mode}`);
  const [secret, setSecret] = useState("");
  const [wrong, setWrong] = useState(false);
  const [checking, setChecking] = useState(false);
  const lockout = useLockout(props.lockedUntil);
  const locked = lockout.secondsLeft > 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked || checking) return;
    setChecking(true);
    const result = await props.check(secret);
    setChecking(false);
    if (result.ok) {
      props.onOpen();
      return;
    }
    setWrong(true);
    setSecret("");
    lockout.lockUntil(result.lockedUntil);
  };
  const fieldId = recover ? "staff-recovery" : "staff-pin";
  const errorId = `${fieldId}-error`;
  return (
    <section
      className="screen staff"
      data-screen={recover ? "staff-recover" : "staff-pin"}
      lang="da"
      dir="ltr"
    >
      <h1 ref={heading} tabIndex={-1}>
        {recover ? "Glemt PIN-kode" : "Personale"}
      </h1>
      {props.reason ? <p className="notice">{props.reason}</p> : null}
      {recover ? (
        <p>
          En administrator finder en engangskode på dashboardets side »Kiosker« (Gendannelseskode)
          eller med <code>npm run admin -- kiosk recovery-code</code>. Svar der venter, bliver på
          kiosken.
        </p>
      ) : null}
      <form onSubmit={submit} className="staff-form">
        <label htmlFor={fieldId}>{recover ? "Gendannelseskode (10 cifre)" : "PIN-kode"}</label>
        <input
          id={fieldId}
          type={recover ? "text" : "password"}
          inputMode="numeric"
          autoComplete="off"
          value={secret}
          disabled={locked}
          aria-invalid={wrong}
          aria-describedby={wrong || locked ? errorId : undefined}
          onChange={(event) => setSecret(event.target.value)}
        />
        {wrong || locked ? (
          <p id={errorId} className="error" role="alert">
            {locked
              ? lockoutText(lockout.secondsLeft)
              : recover
                ? "Koden passer ikke, eller den er brugt."
                : "Forkert PIN-kode."}
          </p>
        ) : null}
        <div className="controls">
          <button type="button" className="secondary" data-staff="cancel" onClick={props.onCancel}>
            Annuller
          </button>
          <button type="submit" className="primary" disabled={locked || checking} data-staff="open">
            {recover ? "Brug koden" : "Åbn"}
          </button>
        </div>
        {props.onForgot ? (
          <button type="button" className="link" data-staff="forgot" onClick={props.onForgot}>
            Glemt PIN-kode?
          </button>
        ) : null}
      </form>
    </section>
  );
}
