import { hiddenAlone } from "../../shared/disclosure.ts";
import { headline } from "../../shared/figures.ts";
import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type { ChangeTest, Headlines, YearEarlierReply } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import { sumCounts } from "./figures-of-counts.ts";
import { headlineProportions } from "./headlines.ts";
import { yearEarlier } from "./local-time.ts";
import { changeMethod, changeTests } from "./today.ts";

/**
 * GET /dashboard/year-earlier: a period's headlines beside the same dates a year before, with
 * the same honest change test as *I dag* (mid-p, Holm over the four headlines).
 */
export async function buildYearEarlier(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string },
  k: number,
): Promise<YearEarlierReply> {
  const before = { from: yearEarlier(range.from), to: yearEarlier(range.to) };
  const [now, then] = await Promise.all([
    countsByDate(db, scope, range.from, range.to),
    countsByDate(db, scope, before.from, before.to),
  ]);
  const current = sumCounts(now);
  const earlier = sumCounts(then);
  const c = headlineProportions(current);
  const e = headlineProportions(earlier);
  const shownOf = (p: typeof c) =>
    Object.fromEntries(
      headlineCodes.map((code) => [code, headline(p[code], { hidden: hiddenAlone(p[code].n, k) })]),
    ) as Headlines;
  const currentHeadlines = shownOf(c);
  const earlierHeadlines = shownOf(e);
  const tests = changeTests(
    headlineCodes.map((code) => ({
      today: c[code],
      todayFigure: currentHeadlines[code],
      before: e[code],
      beforeFigure: earlierHeadlines[code],
    })),
  );
  const noTest: ChangeTest = { pValue: null, adjustedP: null, direction: null };
  return {
    disclosure: { k },
    current: { ...range, responses: current.responses, headlines: currentHeadlines },
    yearEarlier: { ...before, responses: earlier.responses, headlines: earlierHeadlines },
    changes: Object.fromEntries(
      headlineCodes.map((code, index) => [code, tests[index] ?? noTest]),
    ) as Record<HeadlineCode, ChangeTest>,
    method: changeMethod(tests),
  };
}
