import type { Locale } from "../../shared/questionnaire-i18n.ts";

/**
 * The kiosk's own words in each language (the questions are in shared/). Plain language, no
 * pressure: the citizen may skip anything and stays anonymous. `{n}`-style slots are filled by
 * `format`; a sentence with a count has a form for each plural category its language has
 * (Arabic six, Polish and Ukrainian four), picked by Intl.PluralRules in `plural`.
 */

/** One sentence per plural category; `other` is the fallback every language has. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type UiStrings = {
  /** The language's name in itself: how a citizen finds their language (never a flag). */
  languageName: string;
  startHeading: string;
  startIntro: string;
  start: string;
  chooseLanguage: string;
  progress: string;
  back: string;
  skip: string;
  next: string;
  chooseAny: string;
  textNote: string;
  charsLeft: Plural;
  thanksHeading: string;
  thanksText: string;
  done: string;
  stillThere: string;
  stillThereText: Plural;
  continue: string;
};

export const strings: Record<Locale, UiStrings> = {
  da: {
    languageName: "Dansk",
    startHeading: "Hvordan gik dit besøg i dag?",
    startIntro:
      "Et par korte spørgsmål, cirka 20 sekunder. Du er anonym, og du kan springe ethvert spørgsmål over.",
    start: "Start",
    chooseLanguage: "Vælg sprog",
    progress: "Spørgsmål {step} af {total}",
    back: "Tilbage",
    skip: "Spring over",
    next: "Næste",
    chooseAny: "Du kan vælge flere.",
    textNote: "Skriv ikke dit navn, CPR-nummer eller andre personlige oplysninger.",
    charsLeft: { one: "{n} tegn tilbage", other: "{n} tegn tilbage" },
    thanksHeading: "Tak for din hjælp!",
    thanksText: "Dine svar hjælper os med at gøre Borgerservice bedre. Hav en god dag.",
    done: "Færdig",
    stillThere: "Er du der stadig?",
    stillThereText: {
      one: "Tryk på »Fortsæt« for at svare videre. Ellers begynder skærmen forfra om {n} sekund.",
      other:
        "Tryk på »Fortsæt« for at svare videre. Ellers begynder skærmen forfra om {n} sekunder.",
    },
    continue: "Fortsæt",
  },
  en: {
    languageName: "English",
    startHeading: "How did your visit go today?",
    startIntro:
      "A few short questions, about 20 seconds. You stay anonymous, and you can skip any question.",
    start: "Start",
    chooseLanguage: "Choose language",
    progress: "Question {step} of {total}",
    back: "Back",
    skip: "Skip",
    next: "Next",
    chooseAny: "You can choose more than one.",
    textNote: "Please do not write your name, CPR number or other personal details.",
    charsLeft: { one: "{n} character left", other: "{n} characters left" },
    thanksHeading: "Thank you for your help!",
    thanksText: "Your answers help us make Borgerservice better. Have a good day.",
    done: "Done",
    stillThere: "Are you still there?",
    stillThereText: {
      one: "Tap “Continue” to go on answering. Otherwise the screen starts over in {n} second.",
      other: "Tap “Continue” to go on answering. Otherwise the screen starts over in {n} seconds.",
    },
    continue: "Continue",
  },
  de: {
    languageName: "Deutsch",
    startHeading: "Wie war Ihr Besuch heute?",
    startIntro:
      "Ein paar kurze Fragen, etwa 20 Sekunden. Sie bleiben anonym und können jede Frage überspringen.",
    start: "Beginnen",
    chooseLanguage: "Sprache wählen",
    progress: "Frage {step} von {total}",
    back: "Zurück",
    skip: "Überspringen",
    next: "Weiter",
    chooseAny: "Mehrfachauswahl ist möglich.",
    textNote:
      "Bitte schreiben Sie keinen Namen, keine CPR-Nummer und keine anderen persönlichen Angaben.",
    charsLeft: { one: "Noch {n} Zeichen", other: "Noch {n} Zeichen" },
    thanksHeading: "Vielen Dank für Ihre Hilfe!",
    thanksText:
      "Ihre Antworten helfen uns, den Bürgerservice zu verbessern. Einen schönen Tag noch!",
    done: "Fertig",
    stillThere: "Sind Sie noch da?",
    stillThereText: {
      one: "Tippen Sie auf „Fortfahren“, um weiter zu antworten. Sonst beginnt der Bildschirm in {n} Sekunde von vorn.",
      other:
        "Tippen Sie auf „Fortfahren“, um weiter zu antworten. Sonst beginnt der Bildschirm in {n} Sekunden von vorn.",
    },
    continue: "Fortfahren",
  },
  pl: {
    languageName: "Polski",
    startHeading: "Jak minęła Państwa dzisiejsza wizyta?",
    startIntro:
      "Kilka krótkich pytań, około 20 sekund. Ankieta jest anonimowa, a każde pytanie można pominąć.",
    start: "Rozpocznij",
    chooseLanguage: "Wybierz język",
    progress: "Pytanie {step} z {total}",
    back: "Wstecz",
    skip: "Pomiń",
    next: "Dalej",
    chooseAny: "Można wybrać kilka odpowiedzi.",
    textNote: "Prosimy nie podawać imienia i nazwiska, numeru CPR ani innych danych osobowych.",
    charsLeft: {
      one: "Pozostał {n} znak",
      few: "Pozostały {n} znaki",
      many: "Pozostało {n} znaków",
      other: "Pozostało {n} znaku",
    },
    thanksHeading: "Dziękujemy za pomoc!",
    thanksText: "Państwa odpowiedzi pomagają nam ulepszać Borgerservice. Miłego dnia!",
    done: "Gotowe",
    stillThere: "Czy są Państwo nadal tutaj?",
    stillThereText: {
      one: "Proszę dotknąć „Kontynuuj”, aby odpowiadać dalej. W przeciwnym razie ekran zacznie się od nowa za {n} sekundę.",
      few: "Proszę dotknąć „Kontynuuj”, aby odpowiadać dalej. W przeciwnym razie ekran zacznie się od nowa za {n} sekundy.",
      many: "Proszę dotknąć „Kontynuuj”, aby odpowiadać dalej. W przeciwnym razie ekran zacznie się od nowa za {n} sekund.",
      other:
        "Proszę dotknąć „Kontynuuj”, aby odpowiadać dalej. W przeciwnym razie ekran zacznie się od nowa za {n} sekundy.",
    },
    continue: "Kontynuuj",
  },
  uk: {
    languageName: "Українська",
    startHeading: "Як пройшов ваш візит сьогодні?",
    startIntro:
      "Кілька коротких запитань, приблизно 20 секунд. Опитування анонімне, і будь-яке запитання можна пропустити.",
    start: "Почати",
    chooseLanguage: "Оберіть мову",
    progress: "Запитання {step} з {total}",
    back: "Назад",
    skip: "Пропустити",
    next: "Далі",
    chooseAny: "Можна вибрати кілька варіантів.",
    textNote: "Будь ласка, не пишіть свого імені, номера CPR чи інших особистих даних.",
    charsLeft: {
      one: "Залишився {n} символ",
      few: "Залишилося {n} символи",
      many: "Залишилося {n} символів",
      other: "Залишилося {n} символу",
    },
    thanksHeading: "Дякуємо за вашу допомогу!",
    thanksText: "Ваші відповіді допомагають нам покращувати Borgerservice. Гарного дня!",
    done: "Готово",
    stillThere: "Ви ще тут?",
    stillThereText: {
      one: "Натисніть «Продовжити», щоб відповідати далі. Інакше екран почнеться спочатку через {n} секунду.",
      few: "Натисніть «Продовжити», щоб відповідати далі. Інакше екран почнеться спочатку через {n} секунди.",
      many: "Натисніть «Продовжити», щоб відповідати далі. Інакше екран почнеться спочатку через {n} секунд.",
      other:
        "Натисніть «Продовжити», щоб відповідати далі. Інакше екран почнеться спочатку через {n} секунди.",
    },
    continue: "Продовжити",
  },
  tr: {
    languageName: "Türkçe",
    startHeading: "Bugünkü ziyaretiniz nasıl geçti?",
    startIntro:
      "Birkaç kısa soru, yaklaşık 20 saniye. Kimliğiniz gizli kalır ve istediğiniz soruyu geçebilirsiniz.",
    start: "Başla",
    chooseLanguage: "Dil seçin",
    progress: "Soru {step} / {total}",
    back: "Geri",
    skip: "Geç",
    next: "İleri",
    chooseAny: "Birden fazla seçebilirsiniz.",
    textNote: "Lütfen adınızı, CPR numaranızı veya başka kişisel bilgilerinizi yazmayın.",
    charsLeft: { one: "{n} karakter kaldı", other: "{n} karakter kaldı" },
    thanksHeading: "Yardımınız için teşekkürler!",
    thanksText:
      "Yanıtlarınız Borgerservice'i daha iyi hale getirmemize yardımcı oluyor. İyi günler!",
    done: "Tamam",
    stillThere: "Hâlâ orada mısınız?",
    stillThereText: {
      one: "Yanıtlamaya devam etmek için “Devam et”e dokunun. Aksi halde ekran {n} saniye sonra baştan başlayacak.",
      other:
        "Yanıtlamaya devam etmek için “Devam et”e dokunun. Aksi halde ekran {n} saniye sonra baştan başlayacak.",
    },
    continue: "Devam et",
  },
  ar: {
    languageName: "العربية",
    startHeading: "كيف كانت زيارتك اليوم؟",
    startIntro: "بضعة أسئلة قصيرة، حوالي 20 ثانية. لن نعرف هويتك، ويمكنك تخطي أي سؤال.",
    start: "ابدأ",
    chooseLanguage: "اختر اللغة",
    progress: "السؤال {step} من {total}",
    back: "رجوع",
    skip: "تخطي",
    next: "التالي",
    chooseAny: "يمكنك اختيار أكثر من إجابة.",
    textNote: "من فضلك لا تكتب اسمك أو رقم CPR أو أي معلومات شخصية أخرى.",
    charsLeft: {
      zero: "لم يتبق أي حرف",
      one: "يتبقى حرف واحد",
      two: "يتبقى حرفان",
      few: "تتبقى {n} أحرف",
      many: "يتبقى {n} حرفًا",
      other: "يتبقى {n} حرف",
    },
    thanksHeading: "شكرًا لمساعدتك!",
    thanksText: "تساعدنا إجاباتك على تحسين Borgerservice. نتمنى لك يومًا سعيدًا.",
    done: "تم",
    stillThere: "هل ما زلت هنا؟",
    stillThereText: {
      zero: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد الآن.",
      one: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد بعد ثانية واحدة.",
      two: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد بعد ثانيتين.",
      few: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد بعد {n} ثوانٍ.",
      many: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد بعد {n} ثانية.",
      other: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد بعد {n} ثانية.",
    },
    continue: "متابعة",
  },
};

export function format(template: string, values: Record<string, number | string>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : slot,
  );
}

/** The form of `forms` that `n` takes in `locale`, with `{n}` filled in. */
export function plural(locale: Locale, forms: Plural, n: number): string {
  const category = new Intl.PluralRules(locale).select(n);
  return format(forms[category] ?? forms.other, { n });
}
