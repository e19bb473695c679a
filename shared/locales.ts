/**
 * The kiosk's languages, Danish first. Kept apart from their translations
 * (questionnaire-i18n.ts) so the kiosk can name and lay out every language on its first screen
 * and load the words of the others only when a citizen picks one.
 */
export const locales = ["da", "en", "de", "pl", "uk", "tr", "ar"] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/** Right-to-left scripts among the kiosk's languages. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}
