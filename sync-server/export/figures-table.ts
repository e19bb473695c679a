import type { CountValue, Interval } from "../../shared/figures.ts";
import type { Queryable } from "../db.ts";
import type { Scope } from "../http/viewer-scope.ts";
import { kioskNamesOf } from "../queries/kiosks.ts";
import {
  type CountRow,
  countsByDate,
  countsByKiosk,
  countsBySite,
} from "../queries/report-rollups.ts";
import { siteNamesOf } from "../queries/sites.ts";
import { breakdownOf, type Counts, sumCounts } from "../reports/figures-of-counts.ts";

export type FiguresBy = "day" | "week" | "month" | "site" | "kiosk";

/** One tidy row: one answer of one question in one period (or site, or kiosk). */
export type FigureRow = {
  period: string;
  site: string;
  question: string;
  answer: string;
  n: CountValue;
  count: CountValue;
  percent: number | null;
  ci_low: number | null;
  ci_high: number | null;
};

export const figureColumns = [
  "period",
  "site",
  "question",
  "answer",
  "n",
  "count",
  "percent",
  "ci_low",
  "ci_high",
] as const;

/** ISO 8601 week of a date "YYYY-MM-DD", e.g. "2026-W09" (weeks start on Monday, as in Denmark). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const mondayBased = (day.getUTCDay() + 6) % 7;
  // A week belongs to the year of its Thursday; week 1 is the week with 4 January in it.
  const thursday = new Date(day.getTime() + (3 - mondayBased) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 604_800_000);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function groupDays(
  days: CountRow[],
  keyOf: (date: string) => string,
): { key: string; counts: Counts }[] {
  const groups = new Map<string, CountRow[]>();
  for (const day of days) {
    const key = keyOf(day.key);
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  return [...groups].map(([key, rows]) => ({ key, counts: sumCounts(rows) }));
}

function rowsOf(period: string, site: string, counts: Counts): FigureRow[] {
  const rows: FigureRow[] = [];
  const { questions } = breakdownOf(counts);
  for (const [question, figures] of Object.entries(questions)) {
    const answers = Object.keys(figures.counts);
    const add = (answer: string, count: CountValue, percent: number | null, ci: Interval | null) =>
      rows.push({
        period,
        site,
        question,
        answer,
        n: figures.n,
        count,
        percent,
        ci_low: ci?.[0] ?? null,
        ci_high: ci?.[1] ?? null,
      });
    for (const answer of answers) {
      add(
        answer,
        figures.counts[answer] ?? 0,
        figures.percent[answer] ?? null,
        figures.ci95[answer] ?? null,
      );
    }
    if ("topTwo" in figures)
      add("top_two", figures.topTwo.count, figures.topTwo.percent, figures.topTwo.ci95);
  }
  return rows;
}

/**
 * The report figures as a tidy table, each group under the small-number rule (every group is
 * a breakdown finer than the selection). Sites and kiosks are named, not just numbered.
 */
export async function figuresTable(
  db: Queryable,
  scope: Scope & { includeSuspect: boolean },
  range: { from: string; to: string; by: FiguresBy },
): Promise<FigureRow[]> {
  const allSites = scope.siteName ?? "alle steder";
  const whole = `${range.from}/${range.to}`;
  if (range.by === "site") {
    const names = await siteNamesOf(db, scope.municipalityId);
    const sites = await countsBySite(db, scope, range.from, range.to);
    return sites
      .map((row) => ({ name: names.get(row.key) ?? row.key, row }))
      .sort((a, b) => a.name.localeCompare(b.name, "da"))
      .flatMap(({ name, row }) => rowsOf(whole, name, row));
  }
  if (range.by === "kiosk") {
    const [sites, kiosks] = await Promise.all([
      siteNamesOf(db, scope.municipalityId),
      kioskNamesOf(db, scope.municipalityId),
    ]);
    const label = (id: string) => {
      const kiosk = kiosks.get(id);
      return kiosk ? `${sites.get(kiosk.siteId) ?? kiosk.siteId} / ${kiosk.name}` : id;
    };
    const rows = await countsByKiosk(db, scope, range.from, range.to);
    return rows
      .map((row) => ({ name: label(row.key), row }))
      .sort((a, b) => a.name.localeCompare(b.name, "da"))
      .flatMap(({ name, row }) => rowsOf(whole, name, row));
  }
  const days = await countsByDate(db, scope, range.from, range.to);
  const keyOf =
    range.by === "day"
      ? (date: string) => date
      : range.by === "week"
        ? isoWeek
        : (date: string) => date.slice(0, 7);
  return groupDays(days, keyOf).flatMap(({ key, counts }) => rowsOf(key, allSites, counts));
}
