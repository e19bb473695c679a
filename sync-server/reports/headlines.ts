import { answerCounts, answersTo, type Counts } from "../../shared/counts.ts";
import { type Headline, headline, type Proportion, topTwoCodes } from "../../shared/figures.ts";
import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type { AnswerCode, SingleCode } from "../../shared/questionnaire.ts";
import type { Headlines } from "../../shared/report-contract.ts";
import type { Hidden, ReportQuestion } from "./figures-of-counts.ts";

export { type HeadlineCode, headlineCodes };

type Share<C extends SingleCode> = { question: C; counted: readonly AnswerCode<C>[] };
const share = <C extends SingleCode>(question: C, counted: readonly AnswerCode<C>[]): Share<C> => ({
  question,
  counted,
});

/** Each headline is the share of one question's answerers who gave one of `counted`. */
const headlineShares: Record<HeadlineCode, { [C in SingleCode]: Share<C> }[SingleCode]> = {
  got_help: share("got_help", ["yes"]),
  guided_well: share("guidance", topTwoCodes),
  seen_heard: share("seen_heard", ["yes"]),
  nothing_to_improve: share("improve", ["nothing"]),
};

/** The question each headline is a share of: its disclosure verdict is that question's. */
export const headlineQuestion = Object.fromEntries(
  headlineCodes.map((code) => [code, headlineShares[code].question]),
) as Record<HeadlineCode, ReportQuestion>;

export function headlineProportions(row: Counts): Record<HeadlineCode, Proportion> {
  const proportion = (headline: { question: SingleCode; counted: readonly string[] }) => {
    const counts: Readonly<Record<string, number>> = answerCounts(row, headline.question);
    return {
      count: headline.counted.reduce((sum, code) => sum + (counts[code] ?? 0), 0),
      n: answersTo(row, headline.question),
    };
  };
  return Object.fromEntries(
    headlineCodes.map((code) => [code, proportion(headlineShares[code])]),
  ) as Record<HeadlineCode, Proportion>;
}

/** The headline figures of one group under its disclosure verdicts. */
export function headlinesOf(row: Counts, hidden: Hidden): Headlines {
  const proportions = headlineProportions(row);
  return Object.fromEntries(
    headlineCodes.map((code) => [
      code,
      headline(proportions[code], { hidden: hidden[headlineQuestion[code]] }),
    ]),
  ) as Record<HeadlineCode, Headline>;
}
