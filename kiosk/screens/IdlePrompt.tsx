import { useEffect, useRef } from "react";
import type { Locale } from "../../shared/locales.ts";
import { plural, type UiStrings } from "../i18n/strings.ts";

/** "Er du der stadig?": a modal with one simple action to get more time (WCAG 2.2.1). */
export function IdlePrompt(props: {
  t: UiStrings;
  locale: Locale;
  secondsLeft: number;
  onContinue: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  return (
    <div className="overlay">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-text"
        data-screen="idle"
      >
        <h2 id="idle-title">{props.t.stillThere}</h2>
        <p id="idle-text">{plural(props.locale, props.t.stillThereText, props.secondsLeft)}</p>
        <button
          ref={button}
          type="button"
          className="primary big"
          data-action="continue"
          onClick={props.onContinue}
        >
          {props.t.continue}
        </button>
      </div>
    </div>
  );
}
