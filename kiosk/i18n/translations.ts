import type { Locale } from "../../shared/locales.ts";
import { da, type UiStrings } from "./strings.ts";

/**
 * The kiosk's words in its other six languages. Loaded when a citizen picks one (kiosk/i18n/
 * locale-text.ts), not with the first screen; the service worker precaches it for offline use.
 */
export const strings: Record<Locale, UiStrings> = {
  da,
  en: {
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
