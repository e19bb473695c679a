import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { StaffActions } from "./actions.ts";
import { PinForm } from "./PinForm.tsx";

/**
 * Before an enrolled kiosk shows citizens anything, staff choose its PIN: otherwise the first
 * citizen to hold the corner could set one. There is no way around this screen but a PIN.
 */
export function PinSetup(props: {
  actions: StaffActions;
  /** What led here, e.g. "Kiosken er tilmeldt som »Skranke 1«." */
  notice: string | undefined;
  onSaved: (message: string) => void;
}) {
  const heading = useFocusHeading<HTMLHeadingElement>("staff-setup");
  return (
    <section className="screen staff" data-screen="staff-setup" lang="da" dir="ltr">
      <h1 ref={heading} tabIndex={-1}>
        Vælg en PIN-kode til personalet
      </h1>
      {props.notice ? (
        <p className="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        Kiosken viser borgerne spørgeskemaet, når PIN-koden er valgt. Med den åbner personalet siden
        »Personale« (hold øverste hjørne i 3 sekunder).
      </p>
      <PinForm
        idPrefix="setup-pin"
        heading="PIN-kode"
        submitLabel="Gem og start kiosken"
        onSave={props.actions.setPin}
        onSaved={props.onSaved}
      />
    </section>
  );
}
