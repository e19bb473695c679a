import { type FormEvent, useState } from "react";
import type { Outcome } from "./actions.ts";

/** A new PIN, typed twice so that a slip of the finger does not lock staff out. */
export function PinForm(props: {
  idPrefix: string;
  heading: string;
  submitLabel: string;
  onSave: (pin: string, confirmation: string) => Promise<Outcome>;
  onSaved: (message: string) => void;
}) {
  const [pin, setPin] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    const result = await props.onSave(pin, confirmation);
    if (result.ok) {
      setPin("");
      setConfirmation("");
      setError("");
      props.onSaved(result.message);
    } else {
      setError(result.message);
      setConfirmation("");
    }
  };
  const errorId = `${props.idPrefix}-error`;
  return (
    <form className="staff-form" onSubmit={submit} data-staff-form="pin">
      <h2>{props.heading}</h2>
      <label htmlFor={`${props.idPrefix}-new`}>Ny PIN-kode (4–8 cifre)</label>
      <input
        id={`${props.idPrefix}-new`}
        data-staff-field="new-pin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={pin}
        aria-invalid={error !== ""}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => setPin(event.target.value)}
      />
      <label htmlFor={`${props.idPrefix}-confirm`}>Gentag PIN-koden</label>
      <input
        id={`${props.idPrefix}-confirm`}
        data-staff-field="confirm-pin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={confirmation}
        aria-invalid={error !== ""}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => setConfirmation(event.target.value)}
      />
      {error ? (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" data-staff="pin">
        {props.submitLabel}
      </button>
    </form>
  );
}
