import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { da, type MessageKey } from "./da.ts";
import { en } from "./en.ts";

export type Lang = "da" | "en";
const messages = { da, en } as const;
const storageKey = "borgerpuls.lang";

type I18n = { lang: Lang; t: (key: MessageKey) => string; setLang: (lang: Lang) => void };

const I18nContext = createContext<I18n>({ lang: "da", t: (key) => da[key], setLang: () => {} });

function storedLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === "en" ? "en" : "da";
  } catch {
    return "da";
  }
}

/** Danish first; the choice is remembered per browser and set on <html lang> for screen readers. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  const t = useCallback((key: MessageKey) => messages[lang][key], [lang]);
  return <I18nContext value={{ lang, t, setLang }}>{children}</I18nContext>;
}

export const useI18n = () => useContext(I18nContext);
export type { MessageKey };
