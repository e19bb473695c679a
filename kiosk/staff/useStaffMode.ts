import { useCallback, useEffect, useRef, useState } from "react";
import type { StaffActions } from "./actions.ts";
import type { StaffEntry } from "./StaffMode.tsx";

export type StaffModeState = {
  /** Set while staff mode is open; `id` changes with each opening (a fresh StaffMode). */
  entry: (StaffEntry & { id: number }) | undefined;
  /** True until the boot check (enrolment link, PIN chosen?) is done: show citizens nothing. */
  checking: boolean;
  /** Undefined until known; false shows staff the "Ikke tilmeldt" notice. */
  enrolled: boolean | undefined;
  openFromCorner(): void;
  /** Leaves staff mode, unless the kiosk is enrolled without a PIN: then the PIN comes first. */
  close(): void;
};

/**
 * When staff mode opens and whether it may close. The rule that matters: an enrolled kiosk
 * never shows citizens anything before staff chose its PIN, so nobody else can choose it.
 */
export function useStaffMode(
  actions: StaffActions,
  enrolToken: string | undefined,
): StaffModeState {
  const [entry, setEntry] = useState<StaffModeState["entry"]>();
  const [checking, setChecking] = useState(true);
  const [enrolled, setEnrolled] = useState<boolean>();
  const openings = useRef(0);
  const booted = useRef(false);

  const open = useCallback((next: StaffEntry) => {
    openings.current += 1;
    setEntry({ ...next, id: openings.current });
  }, []);
  const needsPin = useCallback(
    async () => (await actions.enrolled()) && !(await actions.pinSet()),
    [actions],
  );
  const refreshEnrolled = useCallback(() => actions.enrolled().then(setEnrolled), [actions]);

  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    void (async () => {
      if (enrolToken && (await actions.pinSet())) {
        open({ step: "gate", pendingToken: enrolToken });
      } else if (enrolToken) {
        const result = await actions.enrol(window.location.origin, enrolToken);
        open(
          result.ok
            ? { step: "setup", notice: result.message }
            : { step: "screen", notice: `Tilmelding mislykkedes: ${result.message}` },
        );
      } else if (await needsPin()) open({ step: "setup" });
      await refreshEnrolled();
      setChecking(false);
    })();
  }, [actions, enrolToken, needsPin, open, refreshEnrolled]);

  const openFromCorner = useCallback(() => {
    void (async () => {
      if (await actions.pinSet()) open({ step: "gate" });
      else open({ step: (await actions.enrolled()) ? "setup" : "screen" });
    })();
  }, [actions, open]);

  const close = useCallback(() => {
    void (async () => {
      if (await needsPin()) open({ step: "setup" });
      else setEntry(undefined);
      await refreshEnrolled();
    })();
  }, [needsPin, open, refreshEnrolled]);

  return { entry, checking, enrolled, openFromCorner, close };
}
