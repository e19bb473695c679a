import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type { OpeningHours } from "../../shared/opening-hours.ts";
import type { Target } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import type { RollupScope } from "../queries/report-rollups.ts";
import { addDays } from "./local-time.ts";
import type { ReportContext } from "./report-context.ts";
import { buildTrend } from "./trend.ts";

/** Twelve weeks by week: enough points for Anhøj's rules (10), short enough to be recent. */
export const signalWeeks = 12;

/** A headline whose p-chart shows a change, and on how many answers that rests. */
export type SpcSignal = {
  headline: HeadlineCode;
  /** The weeks ("2026-W09") whose point lies outside its limits, each with ≥ minAnswers. */
  outside: { period: string; percent: number; lower: number; upper: number; n: number }[];
  /** An Anhøj run signal (an unusually long run, or too few crossings) over the chart. */
  run: boolean;
  centre: number;
  /** Answers behind the whole chart. */
  answers: number;
};

/**
 * The SPC signals of the last twelve weeks up to `to`, from the same p-charts as the
 * dashboard's trend page (so the small-group rule hides the same points). A signal counts only
 * when it rests on at least minAnswers: a point outside its limits needs that many in its week,
 * a run signal that many in the chart. Never a raw threshold: "common" variation is no signal.
 */
export async function spcSignals(
  db: Queryable,
  scope: RollupScope,
  to: string,
  context: ReportContext & {
    openingHours: readonly OpeningHours[];
    targets: Record<HeadlineCode, Target | null>;
  },
  minAnswers: number,
): Promise<SpcSignal[]> {
  const trend = await buildTrend(
    db,
    scope,
    { from: addDays(to, -(7 * signalWeeks - 1)), to, by: "week" },
    context,
  );
  return headlineCodes.flatMap((code): SpcSignal[] => {
    const chart = trend.spc[code];
    if (chart.verdict !== "change" || chart.centre === null) return [];
    const answers = trend.points.reduce((sum, point) => sum + (point[code].n ?? 0), 0);
    const outside = chart.points.flatMap((point, index) => {
      const n = trend.points[index]?.[code].n ?? 0;
      return point.outside &&
        point.percent !== null &&
        point.lower !== null &&
        point.upper !== null &&
        n >= minAnswers
        ? [
            {
              period: point.period,
              percent: point.percent,
              lower: point.lower,
              upper: point.upper,
              n,
            },
          ]
        : [];
    });
    const run = chart.runs.signal && answers >= minAnswers;
    return outside.length > 0 || run
      ? [{ headline: code, outside, run, centre: chart.centre, answers }]
      : [];
  });
}
