import type { Proportion } from "../../shared/figures.ts";
import { percent, roundTo } from "../../shared/figures.ts";
import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import { type OpeningHours, weekdayOf } from "../../shared/opening-hours.ts";
import type {
  Headlines,
  SpcChart,
  Target,
  TrendPoint,
  TrendReply,
} from "../../shared/report-contract.ts";
import { anhoej, minimumSpcPoints, pChart } from "../../shared/spc.ts";
import type { Queryable } from "../db.ts";
import { countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import {
  type Counts,
  emptyCounts,
  hiddenOfMargin,
  hiddenOfSelection,
  hideAll,
  sumCounts,
} from "./figures-of-counts.ts";
import { headlineProportions, headlineQuestion, headlinesOf } from "./headlines.ts";
import { datesBetween, type Grouping, periodOf } from "./local-time.ts";
import { isProvisional, type ReportContext } from "./report-context.ts";

/** Days up to a month are shown per day, up to half a year per week, longer per month. */
export function defaultGrouping(days: number): Grouping {
  if (days <= 31) return "day";
  return days <= 183 ? "week" : "month";
}

type Period = { period: string; from: string; to: string; open: boolean; counts: Counts };

/** Groups dates from..to into periods, each with its summed counts and whether a site opens. */
function periodsOf(
  dates: readonly string[],
  rows: ReadonlyMap<string, Counts>,
  by: Grouping,
  openingHours: readonly OpeningHours[],
): Period[] {
  const periods: Period[] = [];
  for (const date of dates) {
    const key = periodOf(date, by);
    const row = rows.get(date);
    const open =
      openingHours.some((site) => (site[weekdayOf(date)] ?? []).length > 0) ||
      (row?.responses ?? 0) > 0;
    const last = periods.at(-1);
    if (last && last.period === key) {
      last.to = date;
      last.open ||= open;
      if (row) last.counts = sumCounts([last.counts, row]);
    } else periods.push({ period: key, from: date, to: date, open, counts: row ?? emptyCounts() });
  }
  return periods;
}

/** One headline's p-chart over the points: centre = the selection's share, Anhøj's rules. */
export function spcChart(
  total: Proportion,
  totalHidden: boolean,
  points: readonly { period: string; proportion: Proportion; hidden: boolean }[],
  target: Target | null,
): SpcChart {
  const empty = { useful: 0, longestRun: 0, longestRunLimit: 0, crossings: 0, crossingsMin: 0 };
  if (totalHidden || total.n <= 0) {
    return {
      centre: null,
      points: points.map((point) => ({
        period: point.period,
        percent: null,
        lower: null,
        upper: null,
        outside: false,
      })),
      runs: { ...empty, signal: false },
      verdict: "too_few",
      target,
    };
  }
  const centre = total.count / total.n;
  const chart = pChart(
    centre,
    points.map((point) => (point.hidden ? null : point.proportion)),
  );
  const runs = anhoej(chart.map((point) => point.side));
  const shownPoints = chart.filter((point) => point.limits !== null).length;
  const outside = chart.some((point) => point.outside);
  return {
    centre: roundTo(centre * 100, 1),
    points: points.map((point, index) => {
      const limits = chart[index]?.limits ?? null;
      return {
        period: point.period,
        percent: limits ? percent(point.proportion.count, point.proportion.n) : null,
        lower: limits ? roundTo(limits.lower * 100, 1) : null,
        upper: limits ? roundTo(limits.upper * 100, 1) : null,
        outside: chart[index]?.outside ?? false,
      };
    }),
    runs,
    verdict:
      shownPoints < minimumSpcPoints ? "too_few" : outside || runs.signal ? "change" : "common",
    target,
  };
}

/**
 * GET /dashboard/trend: per day, week or month from the first date with data (no empty rows
 * before it), each point under the disclosure rule with secondary suppression over the range,
 * closed days marked (not hidden), provisional days marked, and a p-chart per headline.
 */
export async function buildTrend(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string; by: Grouping },
  context: ReportContext & {
    openingHours: readonly OpeningHours[];
    targets: Record<HeadlineCode, Target | null>;
  },
): Promise<TrendReply> {
  const rows = await countsByDate(db, scope, range.from, range.to);
  const firstData = rows.find((row) => row.responses > 0)?.key ?? null;
  const byDate = new Map<string, Counts>(rows.map((row) => [row.key, row]));
  const periods = firstData
    ? periodsOf(datesBetween(firstData, range.to), byDate, range.by, context.openingHours)
    : [];
  const hidden = hiddenOfMargin(
    periods.map((period) => period.counts),
    context.k,
  );
  const points: TrendPoint[] = periods.map((period, index) => {
    const verdicts = hidden[index] ?? hideAll;
    const headlines: Headlines = headlinesOf(period.counts, verdicts);
    return {
      period: period.period,
      from: period.from,
      to: period.to,
      date: period.from,
      open: period.open,
      provisional: isProvisional(context, period),
      responses: period.counts.responses,
      ...headlines,
    };
  });
  const total = sumCounts(rows);
  const totalHidden = hiddenOfSelection(total, context.k);
  const totals = headlineProportions(total);
  const proportions = periods.map((period) => headlineProportions(period.counts));
  const spc = Object.fromEntries(
    headlineCodes.map((code) => [
      code,
      spcChart(
        totals[code],
        totalHidden[headlineQuestion[code]],
        periods.map((period, index) => ({
          period: period.period,
          proportion: proportions[index]?.[code] ?? { count: 0, n: 0 },
          hidden: hidden[index]?.[headlineQuestion[code]] ?? true,
        })),
        context.targets[code],
      ),
    ]),
  ) as Record<HeadlineCode, SpcChart>;
  return {
    from: range.from,
    to: range.to,
    by: range.by,
    disclosure: { k: context.k },
    firstData,
    points,
    days: points,
    spc,
  };
}
