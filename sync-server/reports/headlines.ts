import {
  type Headline,
  headline,
  type Proportion,
  significantChange,
} from "../../shared/figures.ts";
import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type { Counts } from "./figures-of-counts.ts";

export { type HeadlineCode, headlineCodes };

const sum = (row: Counts, keys: string[]) =>
  keys.reduce((total, key) => total + (row[key] ?? 0), 0);

export function headlineProportions(row: Counts): Record<HeadlineCode, Proportion> {
  return {
    got_help: { count: sum(row, ["got_help.yes"]), n: sum(row, ["got_help.yes", "got_help.no"]) },
    guided_well: {
      count: sum(row, ["guidance.very_good", "guidance.good"]),
      n: sum(row, [
        "guidance.very_good",
        "guidance.good",
        "guidance.poor",
        "guidance.unacceptable",
      ]),
    },
    seen_heard: {
      count: sum(row, ["seen_heard.yes"]),
      n: sum(row, ["seen_heard.yes", "seen_heard.no"]),
    },
    nothing_to_improve: {
      count: sum(row, ["improve.nothing"]),
      n: sum(row, ["improve.nothing", "improve.could_be_better"]),
    },
  };
}

/** The headline figures of one row; `suppress` for rows of a breakdown (a day, a site, an hour). */
export function headlinesOf(row: Counts, suppress: boolean): Record<HeadlineCode, Headline> {
  const proportions = headlineProportions(row);
  return Object.fromEntries(
    headlineCodes.map((code) => [code, headline(proportions[code], { suppress })]),
  ) as Record<HeadlineCode, Headline>;
}

export type TodayFigure = {
  today: Headline;
  last7: Headline;
  last30: Headline;
  /** Today against the previous 7 / 30 days; null unless larger than the noise (z-test, 5 %). */
  change7: "up" | "down" | null;
  change30: "up" | "down" | null;
};

/** Today beside the 7 and 30 days before it, with a change mark only when it is not noise. */
export function todayFigures(
  today: Counts,
  last7: Counts,
  last30: Counts,
): Record<HeadlineCode, TodayFigure> {
  const [t, w, m] = [today, last7, last30].map(headlineProportions) as [
    Record<HeadlineCode, Proportion>,
    Record<HeadlineCode, Proportion>,
    Record<HeadlineCode, Proportion>,
  ];
  return Object.fromEntries(
    headlineCodes.map((code) => [
      code,
      {
        today: headline(t[code]),
        last7: headline(w[code]),
        last30: headline(m[code]),
        change7: significantChange(w[code], t[code]),
        change30: significantChange(m[code], t[code]),
      },
    ]),
  ) as Record<HeadlineCode, TodayFigure>;
}
