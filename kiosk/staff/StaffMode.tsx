import { useState } from "react";
import type { StaffActions } from "./actions.ts";
import { PinSetup } from "./PinSetup.tsx";
import { StaffGate } from "./StaffGate.tsx";
import { StaffScreen } from "./StaffScreen.tsx";

/** Where staff mode opens: the PIN prompt, the compulsory PIN choice, or straight to status. */
export type StaffEntry = {
  step: "gate" | "setup" | "screen";
  notice?: string | undefined;
  /** An enrolment link's token, used once the PIN has been entered. */
  pendingToken?: string | undefined;
};

type Step = "gate" | "recover" | "setup" | "screen";

/**
 * Staff mode's steps: PIN (or a recovery code, then a new PIN) → status. onExit asks the app
 * to leave; the app leaves only when the kiosk has a PIN (useStaffMode).
 */
export function StaffMode(props: { actions: StaffActions; entry: StaffEntry; onExit: () => void }) {
  const { actions, entry } = props;
  const [step, setStep] = useState<Step>(entry.step);
  const [notice, setNotice] = useState(entry.notice);
  // After a recovery code the new PIN is chosen before anything else, then staff see status.
  const [afterSetup, setAfterSetup] = useState<"exit" | "screen">(
    entry.step === "setup" ? "exit" : "screen",
  );

  const opened = async () => {
    if (entry.pendingToken) {
      const result = await actions.enrol(window.location.origin, entry.pendingToken);
      setNotice(result.ok ? result.message : `Tilmelding mislykkedes: ${result.message}`);
    }
    setStep("screen");
  };

  if (step === "gate" || step === "recover")
    return (
      <StaffGate
        key={step}
        mode={step === "gate" ? "pin" : "recover"}
        check={step === "gate" ? actions.checkPin : actions.recover}
        lockedUntil={actions.lockedUntil}
        reason={
          entry.pendingToken && step === "gate"
            ? "Et tilmeldingslink er åbnet. Indtast PIN-koden for at tilmelde kiosken igen."
            : undefined
        }
        onOpen={() => {
          if (step === "recover") {
            setAfterSetup("screen");
            setNotice("Koden er godkendt. Vælg en ny PIN-kode.");
            setStep("setup");
          } else void opened();
        }}
        onCancel={step === "gate" ? props.onExit : () => setStep("gate")}
        onForgot={step === "gate" ? () => setStep("recover") : undefined}
      />
    );
  if (step === "setup")
    return (
      <PinSetup
        actions={actions}
        notice={notice}
        onSaved={(message) => {
          setNotice(message);
          if (afterSetup === "exit") props.onExit();
          else setStep("screen");
        }}
      />
    );
  return <StaffScreen actions={actions} notice={notice} onExit={props.onExit} />;
}
