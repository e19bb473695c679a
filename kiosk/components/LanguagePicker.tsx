import { directionOf, type Locale, locales } from "../../shared/locales.ts";
import { languageNames } from "../i18n/strings.ts";

/** Languages by their own names (never flags: a flag is a country, not a language). */
export function LanguagePicker(props: {
  locale: Locale;
  /** The languages offered, in order (the site's central settings); all of them by default. */
  locales?: readonly Locale[];
  label: string;
  onChoose: (locale: Locale) => void;
}) {
  return (
    <nav className="languages" aria-label={props.label}>
      <h2 className="languages-heading">{props.label}</h2>
      <ul>
        {(props.locales ?? locales).map((locale) => (
          <li key={locale}>
            <button
              type="button"
              lang={locale}
              dir={directionOf(locale)}
              data-locale={locale}
              aria-pressed={locale === props.locale}
              onClick={() => props.onChoose(locale)}
            >
              {languageNames[locale]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
