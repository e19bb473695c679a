import { useRef } from "react";

/**
 * The hidden way into staff mode: hold the top corner for `holdMs` (3 s). Citizens do not
 * find it by accident, and a short tap does nothing. It is not a control for citizens, so it
 * is hidden from assistive technology; staff reach the same mode with a long press.
 */
export function StaffCorner(props: { holdMs: number; onOpen: () => void }) {
  const timer = useRef<number | undefined>(undefined);
  const cancel = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
  };
  return (
    <div
      className="staff-corner"
      aria-hidden="true"
      data-staff-corner=""
      onPointerDown={() => {
        cancel();
        timer.current = window.setTimeout(props.onOpen, props.holdMs);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(event) => event.preventDefault()}
    />
  );
}
