import { useEffect, useRef, useState } from "react";

/**
 * Idle detection mid-interview: after `idleMs` with no touch or key, `prompting` turns true (the
 * "Er du der stadig?" prompt); after `promptMs` more, `onTimeout` runs. Any touch or key before
 * then starts the count again.
 *
 * A touch only records its time in a ref: re-rendering on every key press, from a listener that
 * runs before React's own, would reset a controlled text field before React saw the typing.
 */
export function useIdle(
  active: boolean,
  timings: { idleMs: number; promptMs: number },
  onTimeout: () => void,
): { prompting: boolean; secondsLeft: number; stillHere: () => void } {
  const [prompting, setPrompting] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(Math.ceil(timings.promptMs / 1000));
  const lastTouch = useRef(Date.now());
  const promptingRef = useRef(false);
  const touch = useRef(() => {});

  useEffect(() => {
    if (!active) {
      promptingRef.current = false;
      setPrompting(false);
      return;
    }
    lastTouch.current = Date.now();
    let timer = 0;
    const check = () => {
      const quiet = Date.now() - lastTouch.current;
      if (quiet >= timings.idleMs) {
        promptingRef.current = true;
        setPrompting(true);
      } else timer = window.setTimeout(check, timings.idleMs - quiet);
    };
    const touched = () => {
      lastTouch.current = Date.now();
      if (promptingRef.current) {
        promptingRef.current = false;
        setPrompting(false);
        timer = window.setTimeout(check, timings.idleMs);
      }
    };
    touch.current = touched;
    timer = window.setTimeout(check, timings.idleMs);
    const events = ["pointerdown", "keydown"] as const;
    for (const name of events) window.addEventListener(name, touched, { capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, touched, { capture: true });
    };
  }, [active, timings.idleMs]);

  useEffect(() => {
    if (!active || !prompting) return;
    const endsAt = Date.now() + timings.promptMs;
    setSecondsLeft(Math.ceil(timings.promptMs / 1000));
    const tick = window.setInterval(() => {
      setSecondsLeft(Math.max(0, Math.ceil((endsAt - Date.now()) / 1000)));
    }, 250);
    const timer = window.setTimeout(onTimeout, timings.promptMs);
    return () => {
      window.clearInterval(tick);
      window.clearTimeout(timer);
    };
  }, [active, prompting, timings.promptMs, onTimeout]);

  return {
    prompting,
    secondsLeft,
    stillHere: () => touch.current(),
  };
}
