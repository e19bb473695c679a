import { changeAlpha, directionOf, holm, midP } from "../../shared/change-test.ts";
import { hiddenAlone, hiddenNested } from "../../shared/disclosure.ts";
import { headline, type Proportion } from "../../shared/figures.ts";
import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type {
  ChangeMethod,
  ChangeTest,
  Headline,
  Target,
  TodayFigure,
  TodayReply,
} from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import { type Counts, sumCounts } from "./figures-of-counts.ts";
import { headlineProportions } from "./headlines.ts";
import { addDays } from "./local-time.ts";
import { isProvisional, type ReportContext } from "./report-context.ts";

/** Whether a figure may carry a change arrow at all: shown, and not *usikker*. */
const testable = (figure: Headline) => !figure.suppressed && !figure.uncertain;

/**
 * Change tests for a page: one mid-p per (figure, period) pair that may carry an arrow, then
 * Holm over all of them, so the page as a whole shows a false arrow at most alpha of the time.
 */
export function changeTests(
  pairs: readonly {
    today: Proportion;
    todayFigure: Headline;
    before: Proportion;
    beforeFigure: Headline;
  }[],
): ChangeTest[] {
  const raw = pairs.map((pair) =>
    testable(pair.todayFigure) && !pair.beforeFigure.suppressed
      ? midP(pair.today, pair.before)
      : null,
  );
  const adjusted = holm(raw);
  return pairs.map((pair, index) => {
    const pValue = raw[index] ?? null;
    const adjustedP = adjusted[index] ?? null;
    return {
      pValue,
      adjustedP,
      direction:
        adjustedP !== null && adjustedP < changeAlpha ? directionOf(pair.today, pair.before) : null,
    };
  });
}

export function changeMethod(tests: readonly ChangeTest[]): ChangeMethod {
  return {
    test: "mid-p exact (Fisher)",
    familywise: "holm",
    alpha: changeAlpha,
    tests: tests.filter((test) => test.pValue !== null).length,
  };
}

/**
 * Today's figures beside the 7 and 30 days before, under the disclosure rule (today and each
 * period are groups; the 30 days are hidden when they differ from the 7 by fewer than k), with
 * an arrow only where the Holm-adjusted exact test says it is not noise.
 */
export function todayFigures(
  counts: {
    today: Counts;
    last7: Counts;
    last30: Counts;
  },
  k: number,
  targets: Record<HeadlineCode, Target | null>,
): { figures: Record<HeadlineCode, TodayFigure>; method: ChangeMethod } {
  const t = headlineProportions(counts.today);
  const w = headlineProportions(counts.last7);
  const m = headlineProportions(counts.last30);
  const shown = headlineCodes.map((code) => ({
    code,
    today: headline(t[code], { hidden: hiddenAlone(t[code].n, k) }),
    last7: headline(w[code], { hidden: hiddenAlone(w[code].n, k) }),
    last30: headline(m[code], { hidden: hiddenNested(m[code].n, w[code].n, k) }),
  }));
  const tests = changeTests(
    shown.flatMap((figure) => [
      {
        today: t[figure.code],
        todayFigure: figure.today,
        before: w[figure.code],
        beforeFigure: figure.last7,
      },
      {
        today: t[figure.code],
        todayFigure: figure.today,
        before: m[figure.code],
        beforeFigure: figure.last30,
      },
    ]),
  );
  const noTest: ChangeTest = { pValue: null, adjustedP: null, direction: null };
  const figures = Object.fromEntries(
    shown.map((figure, index) => {
      const test7 = tests[2 * index] ?? noTest;
      const test30 = tests[2 * index + 1] ?? noTest;
      const target = targets[figure.code];
      const percent = figure.today.percent;
      return [
        figure.code,
        {
          today: figure.today,
          last7: figure.last7,
          last30: figure.last30,
          change7: test7.direction,
          change30: test30.direction,
          test7,
          test30,
          target,
          meetsTarget: target && percent !== null ? percent >= target.percent : null,
        } satisfies TodayFigure,
      ];
    }),
  ) as Record<HeadlineCode, TodayFigure>;
  return { figures, method: changeMethod(tests) };
}

/** GET /dashboard/today: a date (default today) beside the 7 and 30 days before it. */
export async function buildToday(
  db: Queryable,
  scope: RollupScope,
  today: string,
  context: ReportContext & { timezone: string; targets: Record<HeadlineCode, Target | null> },
): Promise<TodayReply> {
  const rows = await countsByDate(db, scope, addDays(today, -30), today);
  const within = (from: string, to: string) =>
    sumCounts(rows.filter((row) => row.key >= from && row.key <= to));
  const counts = {
    today: within(today, today),
    last7: within(addDays(today, -7), addDays(today, -1)),
    last30: within(addDays(today, -30), addDays(today, -1)),
  };
  return {
    date: today,
    timezone: context.timezone,
    disclosure: { k: context.k },
    provisional: isProvisional(context, { from: today, to: today }),
    responses: {
      today: counts.today.responses,
      last7: counts.last7.responses,
      last30: counts.last30.responses,
    },
    ...todayFigures(counts, context.k, context.targets),
  };
}
