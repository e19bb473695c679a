import { useEffect } from "react";
import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { UiStrings } from "../i18n/strings.ts";

/** Thank you, then back to the start screen by itself for the next citizen. */
export function ThanksScreen(props: { t: UiStrings; thanksMs: number; onDone: () => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>("thanks");
  const { thanksMs, onDone } = props;
  useEffect(() => {
    const timer = window.setTimeout(onDone, thanksMs);
    return () => window.clearTimeout(timer);
  }, [thanksMs, onDone]);
  return (
    <section className="screen thanks" data-screen="thanks">
      <svg className="thanks-mark" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" />
        <path d="M14 25l7 7 14-15" />
      </svg>
      <h1 ref={heading} tabIndex={-1}>
        {props.t.thanksHeading}
      </h1>
      <p className="intro">{props.t.thanksText}</p>
      <button type="button" className="primary big" data-action="done" onClick={onDone}>
        {props.t.done}
      </button>
    </section>
  );
}
