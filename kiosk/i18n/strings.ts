import type { Locale } from "../../shared/questionnaire-i18n.ts";

/**
 * The kiosk's own words in each language (the questions are in shared/). Plain language, no
 * pressure: the citizen may skip anything and stays anonymous. `{n}`-style slots are filled by
 * `format`.
 */
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
  charsLeft: string;
  thanksHeading: string;
  thanksText: string;
  done: string;
  stillThere: string;
  stillThereText: string;
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
    charsLeft: "{n} tegn tilbage",
    thanksHeading: "Tak for din hjælp!",
    thanksText: "Dine svar hjælper os med at gøre Borgerservice bedre. Hav en god dag.",
    done: "Færdig",
    stillThere: "Er du der stadig?",
    stillThereText:
      "Tryk på »Fortsæt« for at svare videre. Ellers begynder skærmen forfra om {n} sekunder.",
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
    charsLeft: "{n} characters left",
    thanksHeading: "Thank you for your help!",
    thanksText: "Your answers help us make Borgerservice better. Have a good day.",
    done: "Done",
    stillThere: "Are you still there?",
    stillThereText:
      "Tap “Continue” to go on answering. Otherwise the screen starts over in {n} seconds.",
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
    charsLeft: "Noch {n} Zeichen",
    thanksHeading: "Vielen Dank für Ihre Hilfe!",
    thanksText:
      "Ihre Antworten helfen uns, den Bürgerservice zu verbessern. Einen schönen Tag noch!",
    done: "Fertig",
    stillThere: "Sind Sie noch da?",
    stillThereText:
      "Tippen Sie auf „Fortfahren“, um weiter zu antworten. Sonst beginnt der Bildschirm in {n} Sekunden von vorn.",
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
    charsLeft: "Pozostało znaków: {n}",
    thanksHeading: "Dziękujemy za pomoc!",
    thanksText: "Państwa odpowiedzi pomagają nam ulepszać Borgerservice. Miłego dnia!",
    done: "Gotowe",
    stillThere: "Czy są Państwo nadal tutaj?",
    stillThereText:
      "Proszę dotknąć „Kontynuuj”, aby odpowiadać dalej. W przeciwnym razie ekran zacznie się od nowa za {n} s.",
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
    charsLeft: "Залишилося символів: {n}",
    thanksHeading: "Дякуємо за вашу допомогу!",
    thanksText: "Ваші відповіді допомагають нам покращувати Borgerservice. Гарного дня!",
    done: "Готово",
    stillThere: "Ви ще тут?",
    stillThereText:
      "Натисніть «Продовжити», щоб відповідати далі. Інакше екран почнеться спочатку через {n} с.",
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
    charsLeft: "{n} karakter kaldı",
    thanksHeading: "Yardımınız için teşekkürler!",
    thanksText:
      "Yanıtlarınız Borgerservice'i daha iyi hale getirmemize yardımcı oluyor. İyi günler!",
    done: "Tamam",
    stillThere: "Hâlâ orada mısınız?",
    stillThereText:
      "Yanıtlamaya devam etmek için “Devam et”e dokunun. Aksi halde ekran {n} saniye sonra baştan başlayacak.",
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
    charsLeft: "الأحرف المتبقية: {n}",
    thanksHeading: "شكرًا لمساعدتك!",
    thanksText: "تساعدنا إجاباتك على تحسين Borgerservice. نتمنى لك يومًا سعيدًا.",
    done: "تم",
    stillThere: "هل ما زلت هنا؟",
    stillThereText: "اضغط على «متابعة» لمواصلة الإجابة. وإلا ستبدأ الشاشة من جديد بعد {n} ثانية.",
    continue: "متابعة",
  },
};

export function format(template: string, values: Record<string, number | string>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in values ? String(values[name]) : slot,
  );
}
