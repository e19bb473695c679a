import { useCallback, useEffect, useState } from "react";

/** Seconds left of a PIN lockout that ends at `until` (epoch ms), ticking each second. */
export function useLockout(initial: () => Promise<number>): {
  secondsLeft: number;
  lockUntil: (until: number) => void;
} {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    let live = true;
    initial().then((at) => live && setUntil(at));
    return () => {
      live = false;
    };
  }, [initial]);
  useEffect(() => {
    if (until <= Date.now()) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  const lockUntil = useCallback((at: number) => {
    setNow(Date.now());
    setUntil(at);
  }, []);
  return { secondsLeft: Math.max(0, Math.ceil((until - now) / 1000)), lockUntil };
}

/** "Prøv igen om 1 sekund" / "… om 30 sekunder". */
export function lockoutText(seconds: number): string {
  return `For mange forkerte forsøg. Prøv igen om ${seconds} ${seconds === 1 ? "sekund" : "sekunder"}.`;
}
