import { useLayoutEffect, useRef } from "react";

/**
 * Moves focus to a screen's heading when the screen (or its question) changes, so VoiceOver
 * reads the new question instead of staying on a button that no longer exists. A layout effect:
 * focus must move before anyone can touch the new screen, or it would be pulled away from them.
 */
export function useFocusHeading<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is what should move focus.
  useLayoutEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [key]);
  return ref;
}
