/**
 * Pure display helpers (unit-tested). Hidden figures arrive from the server as null with null
 * percentages; these show them as they are and never compute around them.
 */
import type { CountValue, Headline, Interval } from "../api/types.ts";
import type { Lang } from "../i18n/index.tsx";

const locales: Record<Lang, string> = { da: "da-DK", en: "en-GB" };

export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  return new Intl.NumberFormat(locales[lang], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** A hidden count (null) is an en dash; a number gets thousands separators. */
export function formatCount(value: CountValue, lang: Lang): string {
  return typeof value === "number" ? formatNumber(value, lang) : "–";
}

/** "83,3 %" (da) / "83.3 %" (en); an em dash when the server withheld the figure. */
export function formatPercent(value: number | null, lang: Lang, decimals = 0): string {
  if (value === null) return "–";
  return `${formatNumber(value, lang, decimals)} %`;
}

export function formatInterval(ci: Interval | null, lang: Lang): string {
  if (!ci) return "–";
  return `${formatNumber(ci[0], lang)}–${formatNumber(ci[1], lang)} %`;
}

/** Whether a headline has a figure to draw (not withheld, not from zero answers). */
export function hasFigure(h: Headline): h is Headline & { percent: number; ci95: Interval } {
  return h.percent !== null && h.ci95 !== null;
}

/** A count the server sent as a number, or null when it is hidden. */
export function numericCount(value: CountValue): number | null {
  return typeof value === "number" ? value : null;
}

/** "12 s" / "-3,4 s" / "2 min" for a clock offset in milliseconds. */
export function formatOffset(ms: number | null, lang: Lang): string {
  if (ms === null) return "–";
  const seconds = ms / 1000;
  if (Math.abs(seconds) >= 120) return `${formatNumber(seconds / 60, lang)} min`;
  return `${formatNumber(seconds, lang, Math.abs(seconds) < 10 ? 1 : 0)} s`;
}

export function formatDateTime(iso: string | null, lang: Lang): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

export function formatTime(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeStyle: "short" }).format(date);
}

/** A local calendar date (YYYY-MM-DD) as "23. nov." / "23 Nov"; parsed as UTC noon to stay put. */
export function formatDay(date: string, lang: Lang, withYear = false): string {
  return new Intl.DateTimeFormat(locales[lang], {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}
