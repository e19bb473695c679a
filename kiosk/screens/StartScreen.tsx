import type { Locale } from "../../shared/locales.ts";
import { LanguagePicker } from "../components/LanguagePicker.tsx";
import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { UiStrings } from "../i18n/strings.ts";

export function StartScreen(props: {
  t: UiStrings;
  locale: Locale;
  /** The languages the site offers (central settings). */
  languages: readonly Locale[];
  /** A small note for staff, e.g. "Ikke tilmeldt"; not for citizens, so not announced. */
  notice: string | undefined;
  onLocale: (locale: Locale) => void;
  onStart: () => void;
}) {
  const heading = useFocusHeading<HTMLHeadingElement>(`start-${props.locale}`);
  return (
    <section className="screen start" data-screen="start">
      <h1 ref={heading} tabIndex={-1}>
        {props.t.startHeading}
      </h1>
      <p className="intro">{props.t.startIntro}</p>
      <button type="button" className="primary big" data-action="start" onClick={props.onStart}>
        {props.t.start}
      </button>
      <LanguagePicker
        locale={props.locale}
        locales={props.languages}
        label={props.t.chooseLanguage}
        onChoose={props.onLocale}
      />
      {props.notice ? (
        <p className="staff-notice" data-notice="" lang="da" dir="ltr">
          {props.notice}
        </p>
      ) : null}
    </section>
  );
}
