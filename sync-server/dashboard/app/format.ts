/**
 * Pure display helpers (unit-tested). Figures the disclosure rule hides arrive from the server
 * as null (with `suppressed: true`); these show them as hidden and never compute around them.
 */
import type { Count, Headline, Interval } from "../api/types.ts";
import type { Lang } from "../i18n/index.tsx";

const locales: Record<Lang, string> = { da: "da-DK", en: "en-GB" };

export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  return new Intl.NumberFormat(locales[lang], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** A number with thousands separators; a hidden count (null) is an en dash. */
export function formatCount(value: Count, lang: Lang): string {
  return value === null ? "–" : formatNumber(value, lang);
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

/** A trend period's name: "23. nov." (day), "uge 48" (week, from "2026-W48"), "nov. 2026". */
export function formatPeriod(
  point: { period: string; from: string },
  by: "day" | "week" | "month",
  lang: Lang,
): string {
  if (by === "week") {
    const week = Number(point.period.split("-W")[1] ?? "0");
    return `${lang === "da" ? "uge" : "week"} ${week}`;
  }
  if (by === "month") {
    return new Intl.DateTimeFormat(locales[lang], {
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${point.from}T12:00:00Z`));
  }
  return formatDay(point.from, lang);
}
