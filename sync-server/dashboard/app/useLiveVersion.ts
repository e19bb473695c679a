import { useEffect, useState } from "react";
import { probeChanges } from "../api/dashboard.ts";

/** The server's probe is a single index read; 15 s keeps new data on screen within 30 s. */
export const pollMs = 15_000;

/**
 * A number that goes up whenever the figures in scope change on the server. Pages pass it to
 * useResource so they refetch without a reload. Polling pauses while the tab is hidden.
 */
export function useLiveVersion(site: string | undefined): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let etag: string | null = null;
    let stopped = false;
    const tick = async () => {
      if (document.hidden) return;
      try {
        const next = await probeChanges({ site }, etag);
        if (stopped || next === null) return;
        // The first answer only records the current state; later changes trigger a refetch.
        if (etag !== null && next !== etag) setVersion((v) => v + 1);
        etag = next;
      } catch {
        // A failed probe (network blip, server restart) is retried on the next tick.
      }
    };
    void tick();
    const timer = window.setInterval(tick, pollMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [site]);
  return version;
}
