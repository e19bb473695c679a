import { useState } from "react";
import type { Locale } from "../../shared/locales.ts";
import { plural, type UiStrings } from "../i18n/strings.ts";

/**
 * The optional comment. The iPad's own on-screen keyboard appears on focus; we do not focus it
 * ourselves, so nobody is pushed into typing. The note about personal details sits above the
 * field and is read with it. What is typed goes to the interview only with "Næste" (onChange
 * keeps it on screen).
 */
export function FreeText(props: {
  t: UiStrings;
  locale: Locale;
  labelledBy: string;
  value: string;
  maxLength: number;
  onChange: (text: string) => void;
}) {
  const [text, setText] = useState(props.value);
  return (
    <div className="free-text">
      <p id="text-note" className="note">
        {props.t.textNote}
      </p>
      <textarea
        aria-labelledby={props.labelledBy}
        aria-describedby="text-note text-count"
        data-answer="text"
        maxLength={props.maxLength}
        rows={4}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          props.onChange(event.target.value);
        }}
      />
      <p id="text-count" className="count">
        {plural(props.locale, props.t.charsLeft, props.maxLength - text.length)}
      </p>
    </div>
  );
}
