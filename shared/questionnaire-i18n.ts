import type { Locale } from "./locales.ts";
import {
  type AnyAnswerCode,
  type Label,
  type QuestionCode,
  questionByCode,
} from "./questionnaire.ts";

export { directionOf, isLocale, type Locale, locales } from "./locales.ts";

/**
 * The questionnaire in the kiosk's other languages. Danish is canonical and, with English, lives
 * in questionnaire.ts; these follow its meaning, not its words. Forms of address are each
 * language's polite norm for a public office: German "Sie", Polish "Państwo" (also gender-neutral,
 * which Polish past-tense "you" otherwise is not), Ukrainian "ви". "Borgerservice" is kept as the
 * name on the door (German has its own word, Bürgerservice).
 */
type Other = Exclude<Locale, keyof Label>;
type Translation = Record<Other, string>;

const questionTexts: Record<QuestionCode, Translation> = {
  got_help: {
    de: "Haben Sie eine Antwort bekommen oder das erledigt, weswegen Sie gekommen sind?",
    pl: "Czy otrzymali Państwo odpowiedź lub załatwili sprawę, z którą Państwo przyszli?",
    uk: "Чи отримали ви відповідь або вирішили питання, з яким прийшли?",
    tr: "Geldiğiniz konuda yanıt aldınız mı ya da işinizi hallettiniz mi?",
    ar: "هل حصلت على إجابة أو أنجزت ما جئت من أجله؟",
  },
  no_help_reasons: {
    de: "Warum haben Sie nicht erledigt, weswegen Sie gekommen sind? (freiwillig)",
    pl: "Dlaczego nie udało się Państwu załatwić sprawy, z którą Państwo przyszli? (dobrowolnie)",
    uk: "Чому вам не вдалося вирішити питання, з яким ви прийшли? (необов'язково)",
    tr: "Geldiğiniz işi neden halledemediniz? (isteğe bağlı)",
    ar: "لماذا لم تتمكن من إنجاز ما جئت من أجله؟ (اختياري)",
  },
  sent_on: {
    de: "Wurden Sie an eine andere Abteilung oder Person in der Kommune weitergeleitet?",
    pl: "Czy skierowano Państwa do innego działu lub innej osoby w gminie?",
    uk: "Чи направили вас до іншого відділу або іншої особи в муніципалітеті?",
    tr: "Belediyede başka bir birime veya kişiye yönlendirildiniz mi?",
    ar: "هل تمت إحالتك إلى قسم آخر أو شخص آخر في البلدية؟",
  },
  referred_ok: {
    de: "Wurden Sie an die zuständige Abteilung oder Person in der Kommune verwiesen?",
    pl: "Czy wskazano Państwu właściwy dział lub właściwą osobę w gminie?",
    uk: "Чи скерували вас до потрібного відділу або потрібної особи в муніципалітеті?",
    tr: "Belediyede ilgili birime veya kişiye yönlendirildiniz mi?",
    ar: "هل تم توجيهك إلى القسم أو الشخص المختص في البلدية؟",
  },
  guidance: {
    de: "Wie wurden Sie von den Mitarbeitenden im Bürgerservice beraten?",
    pl: "Jak oceniają Państwo wskazówki, których udzielili pracownicy Borgerservice?",
    uk: "Як працівники Borgerservice вас проконсультували?",
    tr: "Borgerservice çalışanları size nasıl yol gösterdi?",
    ar: "كيف كان إرشاد موظفي Borgerservice لك؟",
  },
  seen_heard: {
    de: "Haben Sie sich von den Mitarbeitenden im Bürgerservice wahrgenommen und gehört gefühlt?",
    pl: "Czy czuli się Państwo zauważeni i wysłuchani przez pracowników Borgerservice?",
    uk: "Чи відчували ви, що працівники Borgerservice вас помітили й вислухали?",
    tr: "Borgerservice çalışanlarının sizi görüp dinlediğini hissettiniz mi?",
    ar: "هل شعرت بأن موظفي Borgerservice انتبهوا إليك واستمعوا إليك؟",
  },
  improve: {
    de: "Was müsste geschehen, damit der Service im Bürgerservice besser wird?",
    pl: "Co trzeba zmienić, żeby obsługa w Borgerservice była lepsza?",
    uk: "Що потрібно, щоб обслуговування в Borgerservice стало кращим?",
    tr: "Borgerservice'teki hizmetin daha iyi olması için ne gerekir?",
    ar: "ما الذي يلزم لتصبح الخدمة في Borgerservice أفضل؟",
  },
  improve_reasons: {
    de: "Was könnte besser werden?",
    pl: "Co mogłoby być lepsze?",
    uk: "Що можна покращити?",
    tr: "Ne daha iyi olabilir?",
    ar: "ما الذي يمكن تحسينه؟",
  },
  improve_text: {
    de: "Möchten Sie mehr dazu sagen? (freiwillig)",
    pl: "Czy chcą Państwo coś dodać? (dobrowolnie)",
    uk: "Бажаєте розповісти більше? (необов'язково)",
    tr: "Daha fazlasını anlatmak ister misiniz? (isteğe bağlı)",
    ar: "هل تود أن تخبرنا بالمزيد؟ (اختياري)",
  },
};

/** Answer labels by answer code; the same code means the same words in every question. */
const answerLabels: Record<AnyAnswerCode, Translation> = {
  yes: { de: "Ja", pl: "Tak", uk: "Так", tr: "Evet", ar: "نعم" },
  no: { de: "Nein", pl: "Nie", uk: "Ні", tr: "Hayır", ar: "لا" },
  very_good: {
    de: "Sehr gut",
    pl: "Bardzo dobrze",
    uk: "Дуже добре",
    tr: "Çok iyi",
    ar: "جيد جدًا",
  },
  good: { de: "Gut", pl: "Dobrze", uk: "Добре", tr: "İyi", ar: "جيد" },
  poor: { de: "Schlecht", pl: "Źle", uk: "Погано", tr: "Kötü", ar: "سيئ" },
  unacceptable: {
    de: "Inakzeptabel",
    pl: "Nie do przyjęcia",
    uk: "Неприйнятно",
    tr: "Kabul edilemez",
    ar: "غير مقبول",
  },
  nothing: { de: "Nichts", pl: "Nic", uk: "Нічого", tr: "Hiçbir şey", ar: "لا شيء" },
  could_be_better: {
    de: "Der Service könnte besser sein",
    pl: "Obsługa mogłaby być lepsza",
    uk: "Обслуговування могло б бути кращим",
    tr: "Hizmet daha iyi olabilir",
    ar: "يمكن أن تكون الخدمة أفضل",
  },
  shorter_wait: {
    de: "Kürzere Wartezeit",
    pl: "Krótszy czas oczekiwania",
    uk: "Коротший час очікування",
    tr: "Daha kısa bekleme süresi",
    ar: "وقت انتظار أقصر",
  },
  help_with_everything: {
    de: "Hilfe bei allem, auch bei Angelegenheiten außerhalb der Kommune (z. B. Steuern, Rente)",
    pl: "Pomoc we wszystkim, także w sprawach spoza gminy (np. podatki, emerytura)",
    uk: "Допомога з усім, також зі справами поза муніципалітетом (наприклад, податки, пенсія)",
    tr: "Belediye dışındaki konular dahil her konuda yardım (ör. vergi, emeklilik)",
    ar: "المساعدة في كل شيء، حتى في الأمور خارج البلدية (مثل الضرائب والمعاش)",
  },
  know_departments: {
    de: "Mehr Wissen über die Abteilungen der Kommune",
    pl: "Lepsza znajomość działów gminy",
    uk: "Краще знання відділів муніципалітету",
    tr: "Belediyenin birimleri hakkında daha fazla bilgi",
    ar: "معرفة أكبر بأقسام البلدية",
  },
  other_authority: {
    de: "Die Angelegenheit gehört zu einer anderen Behörde (z. B. Steuerbehörde, Udbetaling Danmark)",
    pl: "Sprawa należy do innego urzędu (np. urzędu skarbowego, Udbetaling Danmark)",
    uk: "Справа належить до іншого органу влади (наприклад, податкової служби, Udbetaling Danmark)",
    tr: "Konu başka bir kuruma ait (ör. vergi dairesi, Udbetaling Danmark)",
    ar: "الأمر من اختصاص جهة أخرى (مثل مصلحة الضرائب أو Udbetaling Danmark)",
  },
  forgot_mitid: {
    de: "Ich hatte meine MitID vergessen",
    pl: "Zapomniane dane do MitID",
    uk: "Забутий MitID",
    tr: "MitID'imi unutmuştum",
    ar: "نسيت MitID الخاص بي",
  },
  staff_busy: {
    de: "Die Mitarbeitenden hatten zu viel zu tun",
    pl: "Pracownicy byli zbyt zajęci",
    uk: "Працівники були надто зайняті",
    tr: "Çalışanlar çok meşguldü",
    ar: "كان الموظفون مشغولين جدًا",
  },
  other: { de: "Anderes", pl: "Inne", uk: "Інше", tr: "Diğer", ar: "أخرى" },
};

function pick(label: Label, translation: Translation | undefined, locale: Locale): string {
  if (locale === "da" || locale === "en") return label[locale];
  return translation?.[locale] ?? label.da;
}

export function questionText(code: QuestionCode, locale: Locale): string {
  return pick(questionByCode(code).text, questionTexts[code], locale);
}

export function answerLabel(code: QuestionCode, answer: string, locale: Locale): string {
  const question = questionByCode(code);
  if (question.kind === "text") throw new Error(`${code} has no answer choices`);
  const found = question.answers.find((a) => a.code === answer);
  if (!found) throw new Error(`${code} has no answer ${answer}`);
  // found.code is one of the questionnaire's answer codes, so answerLabels has it.
  return pick(found.label, answerLabels[found.code as AnyAnswerCode], locale);
}

/** Every answer code that has a translation (the tests check none is missing). */
export const translatedAnswerCodes = Object.keys(answerLabels);
