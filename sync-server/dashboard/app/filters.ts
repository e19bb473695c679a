import { addDays, isIsoDate, lastDays } from "./dates.ts";

/**
 * What every figure page is looking at, kept in the address bar so a view can be bookmarked,
 * shared and reloaded: `?site=…&kiosk=…&period=90&date=2026-11-30&by=week&compare=year`.
 * Parsing is forgiving (a hand-edited or stale link falls back to the defaults instead of
 * breaking the page); the server still checks access to the site and kiosk.
 */
export const periods = [7, 30, 90, 365] as const;
export type Period = (typeof periods)[number];
export const groupings = ["day", "week", "month"] as const;
export type Grouping = (typeof groupings)[number];

export type Filters = {
  site: string | undefined;
  kiosk: string | undefined;
  period: Period;
  /** The last day looked at (and "I dag"'s day); undefined = today in the sites' zone. */
  date: string | undefined;
  /** Udvikling's grouping; undefined = the server's default for the period. */
  by: Grouping | undefined;
  /** Show the same period a year earlier beside this one. */
  compareYear: boolean;
  /** The printable report's month, YYYY-MM; undefined = the last whole month. */
  month: string | undefined;
};

export const defaultPeriod: Period = 30;

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

const idOf = (value: string | null) => (value && idPattern.test(value) ? value : undefined);

export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const periodText = Number(params.get("period"));
  const by = params.get("by");
  const date = params.get("date");
  const month = params.get("month");
  return {
    site: idOf(params.get("site")),
    kiosk: idOf(params.get("kiosk")),
    period: periods.find((p) => p === periodText) ?? defaultPeriod,
    date: date && isIsoDate(date) ? date : undefined,
    by: groupings.find((g) => g === by),
    compareYear: params.get("compare") === "year",
    month: month && monthPattern.test(month) ? month : undefined,
  };
}

/** The query string of filters, only what differs from the defaults, in a stable order. */
export function searchOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.site) params.set("site", filters.site);
  if (filters.kiosk) params.set("kiosk", filters.kiosk);
  if (filters.period !== defaultPeriod) params.set("period", String(filters.period));
  if (filters.date) params.set("date", filters.date);
  if (filters.by) params.set("by", filters.by);
  if (filters.compareYear) params.set("compare", "year");
  if (filters.month) params.set("month", filters.month);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A change of site drops the kiosk filter: the old kiosk is not one of the new site's. */
export function withChange(filters: Filters, change: Partial<Filters>): Filters {
  const next = { ...filters, ...change };
  const siteChanged = "site" in change && change.site !== filters.site;
  if (siteChanged && !("kiosk" in change)) next.kiosk = undefined;
  return next;
}

/** The date range the filters look at: `period` days up to and including the chosen date. */
export function rangeOf(filters: Filters, today: string): { from: string; to: string } {
  return lastDays(filters.date ?? today, filters.period);
}

/** The same calendar dates one year earlier (29 February falls back to the 28th). */
export function yearEarlier(range: { from: string; to: string }): { from: string; to: string } {
  return { from: minusYear(range.from), to: minusYear(range.to) };
}

function minusYear(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const candidate = `${String(year).padStart(4, "0")}${date.slice(4)}`;
  return isIsoDate(candidate) ? candidate : addDays(`${candidate.slice(0, 8)}28`, 0);
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [year, monthNumber] = month.split("-").map(Number);
  const next =
    monthNumber === 12
      ? `${(year ?? 0) + 1}-01-01`
      : `${year}-${String((monthNumber ?? 0) + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

/** The last whole month before `today`'s month. */
export function lastWholeMonth(today: string): string {
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}
