import { useEffect, useRef } from "react";
import { afterPaint } from "./after-paint.ts";

/**
 * Moves focus to a screen's heading when the screen (or its question) changes, so VoiceOver
 * reads the new question instead of staying on a button that no longer exists.
 *
 * In the frame after the new screen is painted, not while it is committed: `focus()` (and its scroll into
 * view) forces style and layout in the middle of the commit, and its :focus change makes the
 * frame compute style again — a third of the tap → next screen time at 4× CPU throttling
 * (tests/bench/kiosk-profile.ts). Focus is not what the citizen sees; the new question is.
 * A tap in that frame counts for nothing (useSettle.ts drops it), but if it moved focus — a
 * press focuses its button — focus stays where the citizen put it.
 */
export function useFocusHeading<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is what should move focus.
  useEffect(() => {
    let moved = false;
    const focused = () => {
      moved = true;
    };
    document.addEventListener("focusin", focused, { capture: true });
    const cancel = afterPaint(() => {
      document.removeEventListener("focusin", focused, { capture: true });
      if (!moved) ref.current?.focus({ preventScroll: false });
    });
    return () => {
      cancel();
      document.removeEventListener("focusin", focused, { capture: true });
    };
  }, [key]);
  return ref;
}
