import { type Headline, headline, type Proportion } from "../../shared/figures.ts";
import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type { Headlines } from "../../shared/report-contract.ts";
import type { Counts, Hidden, ReportQuestion } from "./figures-of-counts.ts";

export { type HeadlineCode, headlineCodes };

/** The question each headline is a share of: its disclosure verdict is that question's. */
export const headlineQuestion: Record<HeadlineCode, ReportQuestion> = {
  got_help: "got_help",
  guided_well: "guidance",
  seen_heard: "seen_heard",
  nothing_to_improve: "improve",
};

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
