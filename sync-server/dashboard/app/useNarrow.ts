import { useEffect, useState } from "react";

const query = "(max-width: 700px)";

/**
 * True on a phone-sized screen. Charts then draw in a narrower coordinate system, so their
 * labels stay readable instead of shrinking with the scaled SVG.
 */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const onChange = () => setNarrow(media.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);
  return narrow;
}
