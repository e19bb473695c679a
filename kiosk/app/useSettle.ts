import { type RefObject, useEffect, useLayoutEffect, useRef } from "react";

/**
 * A tap counts only on the screen where it began. Each time `screen` changes, clicks on the
 * element are dropped (before React sees them) when the press that made them began before the
 * new screen appeared or within `settleMs` after: the second tap of a double tap, or a finger
 * still coming down from the last screen, never answers a question the citizen has not seen.
 * A keyboard click (no pointer) is judged by its own time. Every control counts: answers, next,
 * skip, back, done and the languages.
 *
 * Clicks are also dropped until `saved` has settled: the screen is shown while the write of the
 * tap that led to it commits, and no tap on it (an answer, a multi-choice tick, Færdig on the
 * thank-you screen) may act before that write is stored or, if it failed, undone.
 *
 * Once settled (both), the element carries data-settled: tests and the benchmark wait for it
 * instead of guessing a delay.
 */
export function useSettle<T extends HTMLElement>(
  screen: string,
  settleMs: number,
  saved: () => Promise<unknown>,
): RefObject<T | null> {
  const ref = useRef<T>(null);
  const settledAt = useRef(0);
  /** False from a screen change until `saved` settles: the write that led here has committed. */
  const written = useRef(true);

  // A layout effect: the new screen is in the DOM but not yet painted, so no tap can precede this.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `screen` is what restarts it.
  useLayoutEffect(() => {
    const element = ref.current;
    settledAt.current = performance.now() + settleMs;
    if (!element) return;
    delete element.dataset.settled;
    let current = true;
    written.current = false;
    const writes = saved()
      .catch(() => undefined)
      .then(() => {
        if (current) written.current = true;
      });
    const timer = window.setTimeout(() => {
      void writes.then(() => {
        if (current) element.dataset.settled = "";
      });
    }, settleMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [screen, settleMs, saved]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // When the press behind the next click began (event.timeStamp shares performance.now()'s clock).
    let pressedAt = Number.NEGATIVE_INFINITY;
    const pressed = (event: PointerEvent) => {
      pressedAt = event.timeStamp;
    };
    const clicked = (event: MouseEvent) => {
      const began = event.detail > 0 ? Math.min(pressedAt, event.timeStamp) : event.timeStamp;
      if (written.current && began >= settledAt.current) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    element.addEventListener("pointerdown", pressed, { capture: true });
    element.addEventListener("click", clicked, { capture: true });
    return () => {
      element.removeEventListener("pointerdown", pressed, { capture: true });
      element.removeEventListener("click", clicked, { capture: true });
    };
  }, []);
  return ref;
}
