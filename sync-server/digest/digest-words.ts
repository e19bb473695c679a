import type { HeadlineCode } from "../../shared/headlines.ts";
import type { NotificationLanguage } from "../queries/digest-subscriptions.ts";

/** Every word of digests and alert messages, Danish first (the dashboard's own terms). */
export type NotificationWords = {
  dailySubject: (date: string) => string;
  weeklySubject: (from: string, to: string) => string;
  dailyTitle: string;
  weeklyTitle: string;
  sites: string;
  allSites: string;
  responses: (n: number) => string;
  headline: Record<HeadlineCode, string>;
  colHeadline: string;
  colPeriod: string;
  colBefore30: string;
  colTarget: string;
  hidden: (k: number) => string;
  uncertain: string;
  up: string;
  down: string;
  signalsTitle: string;
  noSignals: string;
  outside: (period: string, percent: string, lower: string, upper: string) => string;
  run: string;
  kiosksTitle: string;
  noKioskProblems: string;
  silent: string;
  missing: (n: number) => string;
  reasonsTitle: string;
  reason: Record<string, string>;
  noReasons: string;
  commentsTitle: string;
  noComments: string;
  openDashboard: string;
  linkToday: string;
  linkTrends: string;
  linkKiosks: string;
  linkComments: string;
  footer: string;
  alertOpened: string;
  alertCleared: string;
  alertKind: Record<string, string>;
  alertSince: (when: string) => string;
  alertClearedAt: (when: string) => string;
};

const da: NotificationWords = {
  dailySubject: (date) => `Borgerpuls: dagens tal for ${date}`,
  weeklySubject: (from, to) => `Borgerpuls: ugens tal ${from} – ${to}`,
  dailyTitle: "Dagens tal",
  weeklyTitle: "Ugens tal",
  sites: "Steder",
  allSites: "alle steder",
  responses: (n) => `${n} ${n === 1 ? "svar" : "svar"}`,
  headline: {
    got_help: "Fik hjælp",
    guided_well: "Godt vejledt",
    seen_heard: "Set og hørt",
    nothing_to_improve: "Intet at forbedre",
  },
  colHeadline: "Nøgletal",
  colPeriod: "Perioden",
  colBefore30: "30 dage før",
  colTarget: "Mål",
  hidden: (k) => `skjult (under ${k} svar)`,
  uncertain: "usikker",
  up: "▲ steget",
  down: "▼ faldet",
  signalsTitle: "Tegn på ændring (SPC, 12 uger)",
  noSignals: "Ingen tegn på ændring: almindelig variation.",
  outside: (period, percent, lower, upper) =>
    `uge ${period}: ${percent} % uden for grænserne ${lower}–${upper} %`,
  run: "et usædvanligt langt løb eller for få krydsninger af midterlinjen",
  kiosksTitle: "Kiosker, der skal ses til",
  noKioskProblems: "Alle kiosker synkroniserer, og der mangler ingen svar.",
  silent: "tavs en hel åbningsdag",
  missing: (n) => `${n} svar mangler`,
  reasonsTitle: "Hvad kan gøres bedre",
  reason: {
    shorter_wait: "Kortere ventetid",
    help_with_everything: "Hjælp med alt, også uden for kommunen",
    know_departments: "Mere viden om kommunens afdelinger",
    other: "Andet",
  },
  noReasons: "Ingen at vise.",
  commentsTitle: "Nyeste kommentarer",
  noComments: "Ingen kommentarer i perioden.",
  openDashboard: "Åbn dashboardet",
  linkToday: "I dag",
  linkTrends: "Udvikling",
  linkKiosks: "Kiosker",
  linkComments: "Kommentarer",
  footer:
    "Du får denne mail, fordi du abonnerer på Borgerpuls' overblik. Afmeld under Indstillinger i dashboardet.",
  alertOpened: "Advarsel",
  alertCleared: "Ophævet",
  alertKind: {
    kiosk_silent: "Kiosken er tavs i åbningstiden",
    outbox_stale: "Kiosken har gamle svar, der ikke er sendt",
    storage_not_persistent: "Kioskens lager er ikke varigt (browseren kan slette svar)",
    spc_signal: "Tegn på ændring i et nøgletal",
  },
  alertSince: (when) => `siden ${when}`,
  alertClearedAt: (when) => `ophævet ${when}`,
};

const en: NotificationWords = {
  ...da,
  dailySubject: (date) => `Borgerpuls: the figures for ${date}`,
  weeklySubject: (from, to) => `Borgerpuls: the week's figures ${from} – ${to}`,
  dailyTitle: "The day's figures",
  weeklyTitle: "The week's figures",
  sites: "Sites",
  allSites: "all sites",
  responses: (n) => `${n} ${n === 1 ? "response" : "responses"}`,
  headline: {
    got_help: "Got help",
    guided_well: "Guided well",
    seen_heard: "Seen and heard",
    nothing_to_improve: "Nothing to improve",
  },
  colHeadline: "Headline",
  colPeriod: "The period",
  colBefore30: "30 days before",
  colTarget: "Target",
  hidden: (k) => `hidden (under ${k} answers)`,
  uncertain: "uncertain",
  up: "▲ up",
  down: "▼ down",
  signalsTitle: "Signs of change (SPC, 12 weeks)",
  noSignals: "No sign of change: common-cause variation.",
  outside: (period, percent, lower, upper) =>
    `week ${period}: ${percent} % outside the limits ${lower}–${upper} %`,
  run: "an unusually long run or too few crossings of the centre line",
  kiosksTitle: "Kiosks to look at",
  noKioskProblems: "Every kiosk syncs and no answers are missing.",
  silent: "silent for a whole opening day",
  missing: (n) => `${n} answers missing`,
  reasonsTitle: "What could be better",
  reason: {
    shorter_wait: "Shorter waiting time",
    help_with_everything: "Help with everything, also outside the municipality",
    know_departments: "More knowledge of the municipality's departments",
    other: "Other",
  },
  noReasons: "None to show.",
  commentsTitle: "Newest comments",
  noComments: "No comments in the period.",
  openDashboard: "Open the dashboard",
  linkToday: "Today",
  linkTrends: "Trends",
  linkKiosks: "Kiosks",
  linkComments: "Comments",
  footer:
    "You get this mail because you subscribe to the Borgerpuls digest. Unsubscribe under Settings in the dashboard.",
  alertOpened: "Alert",
  alertCleared: "Cleared",
  alertKind: {
    kiosk_silent: "The kiosk is silent during opening hours",
    outbox_stale: "The kiosk holds old answers it has not sent",
    storage_not_persistent:
      "The kiosk's storage is not persistent (the browser may delete answers)",
    spc_signal: "A sign of change in a headline",
  },
  alertSince: (when) => `since ${when}`,
  alertClearedAt: (when) => `cleared ${when}`,
};

export function wordsFor(language: NotificationLanguage): NotificationWords {
  return language === "en" ? en : da;
}

/** Numbers as the reader writes them: "93,5" in Danish, "93.5" in English. */
export function decimal(value: number, language: NotificationLanguage): string {
  return value.toLocaleString(language === "en" ? "en-GB" : "da-DK", {
    maximumFractionDigits: 1,
  });
}

/** A local date as the reader writes it: "1. december 2026", "1 December 2026". */
export function longDate(date: string, language: NotificationLanguage): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "da-DK", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}
