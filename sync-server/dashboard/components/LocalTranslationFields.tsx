import { directionOf } from "../../../shared/locales.ts";
import { useI18n } from "../i18n/index.tsx";
import {
  type TranslatedLocale,
  type Translation,
  translatedLocales,
} from "../pages/local-question-form.ts";

/**
 * A local question's optional translations, one fieldset per kiosk language other than Danish
 * (the list is shared/locales.ts): the question's wording and its answers, one a line in the
 * Danish answers' order. Each field is marked with its language and direction, so a screen
 * reader speaks it and Arabic is typed right to left.
 */
export function LocalTranslationFields(props: {
  translations: Record<TranslatedLocale, Translation>;
  onChange: (locale: TranslatedLocale, translation: Translation) => void;
}) {
  const { t, lang } = useI18n();
  const names = new Intl.DisplayNames([lang], { type: "language" });
  const named = (key: "localTextIn" | "localLabelsIn", locale: TranslatedLocale) =>
    t(key).replace("{language}", names.of(locale) ?? locale);
  return (
    <fieldset className="full-row">
      <legend>{t("localTranslations")}</legend>
      <p className="muted small">{t("localTranslationsHint")}</p>
      <div className="form-grid">
        {translatedLocales.map((locale) => {
          const translation = props.translations[locale];
          const labelsId = `local-labels-${locale}`;
          return (
            <div key={locale} data-translation={locale}>
              <label>
                {named("localTextIn", locale)}
                <input
                  lang={locale}
                  dir={directionOf(locale)}
                  value={translation.text}
                  maxLength={200}
                  onChange={(e) => props.onChange(locale, { ...translation, text: e.target.value })}
                />
              </label>
              <label htmlFor={labelsId}>{named("localLabelsIn", locale)}</label>
              <textarea
                id={labelsId}
                lang={locale}
                dir={directionOf(locale)}
                value={translation.labels}
                rows={4}
                onChange={(e) => props.onChange(locale, { ...translation, labels: e.target.value })}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
