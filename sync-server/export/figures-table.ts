import { type Label, type QuestionCode, questionByCode } from "../../shared/questionnaire.ts";
import type { Interval, QuestionFigures } from "../../shared/report-contract.ts";
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
import {
  type Counts,
  type Hidden,
  hiddenOfMargins,
  hideAll,
  questionsOf,
  sumCounts,
} from "../reports/figures-of-counts.ts";
import { isoWeek } from "../reports/local-time.ts";
import { isProvisional, type ReportContext } from "../reports/report-context.ts";

export { isoWeek };

export type FiguresBy = "day" | "week" | "month" | "site" | "kiosk";
export type FigureLabels = "codes" | "da" | "en";

/**
 * One tidy row: one answer of one question in one period (or site, or kiosk). Numeric columns
 * are numbers or empty (null), never text, so R and pandas read them as numbers; `suppressed`
 * says why a cell is empty (1: hidden by the disclosure rule; 0 with an empty percent: nobody
 * answered).
 */
export type FigureRow = {
  period: string;
  site: string;
  question: string;
  answer: string;
  n: number | null;
  count: number | null;
  percent: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: 0 | 1;
  provisional: 0 | 1;
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
  "suppressed",
  "provisional",
] as const satisfies readonly (keyof FigureRow)[];

const topTwoLabel: Label = { da: "Rigtig godt eller godt", en: "Very good or good" };
const allSitesLabel: Label = { da: "alle steder", en: "all sites" };

function labelsOf(question: QuestionCode, labels: FigureLabels) {
  const asked = questionByCode(question);
  const answers = new Map(
    asked.kind === "text" ? [] : asked.answers.map((answer) => [answer.code, answer.label]),
  );
  return {
    question: labels === "codes" ? question : asked.text[labels],
    answer: (code: string) => {
      if (labels === "codes") return code;
      const label = code === "top_two" ? topTwoLabel : answers.get(code);
      return label ? label[labels] : code;
    },
  };
}

/**
 * One group of rows: its days (for the provisional mark) and whose kiosks may mark them — its
 * own site's or kiosk's for by=site and by=kiosk, every kiosk in scope otherwise.
 */
type Group = {
  period: string;
  site: string;
  days: { from: string; to: string };
  of: { siteId?: string; kioskId?: string };
  counts: Counts;
};

function rowsOf(
  group: Group,
  hidden: Hidden,
  context: ReportContext,
  labels: FigureLabels,
): FigureRow[] {
  const rows: FigureRow[] = [];
  const questions = questionsOf(group.counts, hidden);
  const provisional = isProvisional(context, group.days, group.of) ? 1 : 0;
  for (const [question, figures] of Object.entries(questions) as [
    QuestionCode,
    QuestionFigures & {
      topTwo?: { count: number | null; percent: number | null; ci95: Interval | null };
    },
  ][]) {
    const named = labelsOf(question, labels);
    const add = (
      answer: string,
      count: number | null,
      percent: number | null,
      ci: Interval | null,
    ) =>
      rows.push({
        period: group.period,
        site: group.site,
        question: named.question,
        answer: named.answer(answer),
        n: figures.n,
        count,
        percent,
        ci_low: ci?.[0] ?? null,
        ci_high: ci?.[1] ?? null,
        suppressed: figures.suppressed ? 1 : 0,
        provisional,
      });
    for (const answer of Object.keys(figures.counts)) {
      add(
        answer,
        figures.counts[answer] ?? null,
        figures.percent[answer] ?? null,
        figures.ci95[answer] ?? null,
      );
    }
    if (figures.topTwo)
      add("top_two", figures.topTwo.count, figures.topTwo.percent, figures.topTwo.ci95);
  }
  return rows;
}

function groupDays(days: CountRow[], keyOf: (date: string) => string, site: string): Group[] {
  const groups = new Map<string, { rows: CountRow[]; from: string; to: string }>();
  for (const day of days) {
    const key = keyOf(day.key);
    const group = groups.get(key) ?? { rows: [], from: day.key, to: day.key };
    group.rows.push(day);
    group.to = day.key;
    groups.set(key, group);
  }
  return [...groups].map(([period, group]) => ({
    period,
    site,
    days: { from: group.from, to: group.to },
    of: {},
    counts: sumCounts(group.rows),
  }));
}

/**
 * The report figures as a tidy table under the disclosure rule: each group (period, site or
 * kiosk) is shown or hidden as a whole per question, with secondary suppression over the file's
 * margin (the periods of the range; the sites; the kiosks of each site). Sites and kiosks are
 * named, not just numbered; `labels` names questions and answers in Danish or English.
 */
export async function figuresTable(
  db: Queryable,
  scope: Scope & { includeSuspect: boolean },
  range: { from: string; to: string; by: FiguresBy; labels: FigureLabels },
  context: ReportContext,
): Promise<FigureRow[]> {
  const allSites = scope.siteName ?? allSitesLabel[range.labels === "en" ? "en" : "da"];
  const whole = `${range.from}/${range.to}`;
  let groups: Group[];
  let marginOf: (group: Group) => string = () => "";
  if (range.by === "site") {
    const names = await siteNamesOf(db, scope.municipalityId);
    const sites = await countsBySite(db, scope, range.from, range.to);
    groups = sites
      .map((row) => ({
        period: whole,
        site: names.get(row.key) ?? row.key,
        days: range,
        of: { siteId: row.key },
        counts: row,
      }))
      .sort((a, b) => a.site.localeCompare(b.site, "da"));
  } else if (range.by === "kiosk") {
    const [sites, kiosks] = await Promise.all([
      siteNamesOf(db, scope.municipalityId),
      kioskNamesOf(db, scope.municipalityId),
    ]);
    const siteOf = new Map<string, string>();
    const label = (id: string) => {
      const kiosk = kiosks.get(id);
      return kiosk ? `${sites.get(kiosk.siteId) ?? kiosk.siteId} / ${kiosk.name}` : id;
    };
    const rows = await countsByKiosk(db, scope, range.from, range.to);
    groups = rows
      .map((row) => {
        const name = label(row.key);
        siteOf.set(name, kiosks.get(row.key)?.siteId ?? "");
        return { period: whole, site: name, days: range, of: { kioskId: row.key }, counts: row };
      })
      .sort((a, b) => a.site.localeCompare(b.site, "da"));
    marginOf = (group) => siteOf.get(group.site) ?? "";
  } else {
    const days = await countsByDate(db, scope, range.from, range.to);
    const keyOf =
      range.by === "day"
        ? (date: string) => date
        : range.by === "week"
          ? isoWeek
          : (date: string) => date.slice(0, 7);
    groups = groupDays(days, keyOf, allSites);
  }
  const hidden = hiddenOfMargins(
    groups.map((group) => group.counts),
    (index) => {
      const group = groups[index];
      return group ? marginOf(group) : "";
    },
    context.k,
  );
  return groups.flatMap((group, index) =>
    rowsOf(group, hidden[index] ?? hideAll, context, range.labels),
  );
}
