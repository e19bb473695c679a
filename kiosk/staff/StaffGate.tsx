import { type FormEvent, useState } from "react";
import { useFocusHeading } from "../components/useFocusHeading.ts";

/** The PIN prompt before staff mode. Staff mode is in Danish: it is for the staff. */
export function StaffGate(props: {
  checkPin: (pin: string) => Promise<boolean>;
  onOpen: () => void;
  onCancel: () => void;
}) {
  const heading = useFocusHeading<HTMLHeadingElement>("staff-gate");
  const [pin, setPin] = useState("");
  const [wrong, setWrong] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await props.checkPin(pin)) props.onOpen();
    else {
      setWrong(true);
      setPin("");
    }
  };
  return (
    <section className="screen staff" data-screen="staff-pin" lang="da" dir="ltr">
      <h1 ref={heading} tabIndex={-1}>
        Personale
      </h1>
      <form onSubmit={submit} className="staff-form">
        <label htmlFor="staff-pin">PIN-kode</label>
        <input
          id="staff-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          aria-invalid={wrong}
          aria-describedby={wrong ? "staff-pin-error" : undefined}
          onChange={(event) => setPin(event.target.value)}
        />
        {wrong ? (
          <p id="staff-pin-error" className="error" role="alert">
            Forkert PIN-kode.
          </p>
        ) : null}
        <div className="controls">
          <button type="button" className="secondary" onClick={props.onCancel}>
            Annuller
          </button>
          <button type="submit" className="primary">
            Åbn
          </button>
        </div>
      </form>
    </section>
  );
}
