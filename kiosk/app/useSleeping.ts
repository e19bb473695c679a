import { useEffect, useState } from "react";
import { isOpenAt } from "../../shared/opening-hours.ts";
import type { AppliedSettings } from "../services/kiosk-settings.ts";

function closedNow(sleep: AppliedSettings["sleep"]): boolean {
  if (!sleep) return false;
  try {
    return !isOpenAt(sleep.openingHours, sleep.timezone, new Date());
  } catch {
    // A zone this browser does not know: better to ask citizens than to sleep by mistake.
    return false;
  }
}

/** Whether the sleep screen is due: it is on for the site and the site is closed now. */
export function useSleeping(sleep: AppliedSettings["sleep"], checkMs = 15_000): boolean {
  const [asleep, setAsleep] = useState(() => closedNow(sleep));
  useEffect(() => {
    setAsleep(closedNow(sleep));
    if (!sleep) return;
    const timer = window.setInterval(() => setAsleep(closedNow(sleep)), checkMs);
    return () => window.clearInterval(timer);
  }, [sleep, checkMs]);
  return asleep;
}
