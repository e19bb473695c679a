/**
 * The report API's reply shapes (docs/reports-api.md), declared once: the server's handlers
 * return these types and the dashboard reads them. Plain types, no I/O; shared/ imports
 * neither side.
 *
 * Hidden figures are `null` with `suppressed: true`, never a string such as "<5": numbers stay
 * numbers in JSON and in CSV. A figure is hidden when its group has fewer than `disclosure.k`
 * answers to the question (primary) or when showing it would let a hidden one be worked out
 * (secondary suppression). `responses` (how many answered, not what) is never hidden.
 */
import type { HeadlineCode } from "./headlines.ts";

export type {
  ChangesReply,
  Comment,
  CommentPage,
  KioskHealth,
  KiosksReply,
} from "./dashboard-rows.ts";

import type { Weekday } from "./opening-hours.ts";
import type { ChoiceCode } from "./questionnaire.ts";

export type Interval = [number, number];

/** A count that may be hidden (null) by the disclosure rule. */
export type Count = number | null;

/** The municipality's disclosure setting: groups with fewer than k answers are hidden. */
export type Disclosure = { k: number };

/** One question in one group: n answered it; per answer code its count, % and 95 % interval. */
export type QuestionFigures = {
  n: Count;
  suppressed: boolean;
  counts: Record<string, Count>;
  percent: Record<string, number | null>;
  ci95: Record<string, Interval | null>;
};

export type GuidanceFigures = QuestionFigures & {
  /** «rigtig godt» or «godt» (the study's 93 %). */
  topTwo: { count: Count; percent: number | null; ci95: Interval | null };
};

/**
 * Every choice question of the questionnaire (shared/questionnaire.ts); a multi-choice
 * question's n is those asked it (improve_reasons: those who chose could_be_better), and a
 * citizen may tick several of its answers.
 */
export type QuestionsBlock = {
  [C in ChoiceCode]: C extends "guidance" ? GuidanceFigures : QuestionFigures;
};

/** One headline proportion (e.g. got help: yes). */
export type Headline = {
  count: Count;
  n: Count;
  percent: number | null;
  ci95: Interval | null;
  /** Fewer than 30 answers: shown, marked *usikker*, never given a change arrow. */
  uncertain: boolean;
  suppressed: boolean;
};
export type Headlines = Record<HeadlineCode, Headline>;

// ---------------------------------------------------------------------------------------------
// GET /api/v1/report
export type ReportDay = {
  date: string;
  responses: number;
  /** A kiosk of the site that was active that day has not synced since the day ended. */
  provisional: boolean;
  questions: QuestionsBlock;
};
export type ReportReply = {
  from: string;
  to: string;
  site: string | null;
  kiosk: string | null;
  includeSuspect: boolean;
  disclosure: Disclosure;
  responses: number;
  /** Some day of the range is still provisional (*foreløbig*). */
  provisional: boolean;
  /** The whole selection, under the same rule as every group. */
  questions: QuestionsBlock;
  /** Days with at least one response, oldest first. */
  daily: ReportDay[];
};

// ---------------------------------------------------------------------------------------------
// GET /api/v1/dashboard/today
export type ChangeDirection = "up" | "down";
/** Today against a period before it: exact mid-p test, Holm-adjusted over the page's tests. */
export type ChangeTest = {
  /** Null: no test (uncertain, hidden or no answers on either side). */
  pValue: number | null;
  /** Holm-adjusted p over every test on the page; the arrow is shown when it is below alpha. */
  adjustedP: number | null;
  direction: ChangeDirection | null;
};
export type Target = {
  /** The target share in percent (e.g. 90 for «90 % fik hjælp»). */
  percent: number;
  /** Where the target was set: the site's own, or the municipality's (siteId null). */
  siteId: string | null;
};
export type TodayFigure = {
  today: Headline;
  last7: Headline;
  last30: Headline;
  /** Arrow against the 7 / 30 days before; null unless the adjusted test is below alpha. */
  change7: ChangeDirection | null;
  change30: ChangeDirection | null;
  test7: ChangeTest;
  test30: ChangeTest;
  target: Target | null;
  /** Today's figure is at or above the target; null when either is missing. */
  meetsTarget: boolean | null;
};
export type ChangeMethod = {
  test: "mid-p exact (Fisher)";
  familywise: "holm";
  alpha: number;
  /** How many tests the page ran (the Holm family). */
  tests: number;
};
export type TodayReply = {
  date: string;
  timezone: string;
  disclosure: Disclosure;
  provisional: boolean;
  responses: { today: number; last7: number; last30: number };
  figures: Record<HeadlineCode, TodayFigure>;
  method: ChangeMethod;
};

// ---------------------------------------------------------------------------------------------
// GET /api/v1/dashboard/trend
export type Grouping = "day" | "week" | "month";
export type TrendPoint = {
  /** "2026-03-02", "2026-W10" or "2026-03". */
  period: string;
  /** First and last date of the period within the range. */
  from: string;
  to: string;
  /** Kept for the old dashboard: the period's first date. */
  date: string;
  /** A site in scope is open on some day of the period (closed days are not hidden figures). */
  open: boolean;
  provisional: boolean;
  responses: number;
} & Headlines;
export type SpcPoint = {
  period: string;
  /** The point's share in percent; null when hidden or without answers. */
  percent: number | null;
  /** 3-sigma limits for this point's n, in percent (null when the point is not shown). */
  lower: number | null;
  upper: number | null;
  /** Outside its limits: a sign of change by itself. */
  outside: boolean;
};
export type RunRules = {
  /** Points not on the centre line (Anhøj's "useful observations"). */
  useful: number;
  longestRun: number;
  /** A longest run above this is a signal: round(log2(useful) + 3). */
  longestRunLimit: number;
  crossings: number;
  /** Fewer crossings than this is a signal: the 5 % quantile of Binomial(useful − 1, ½). */
  crossingsMin: number;
  signal: boolean;
};
export type SpcChart = {
  /** Centre line: the whole selection's share in percent (null when hidden or no answers). */
  centre: number | null;
  points: SpcPoint[];
  runs: RunRules;
  /** "change": tegn på ændring; "common": almindelig variation; "too_few": under 10 points. */
  verdict: "change" | "common" | "too_few";
  target: Target | null;
};
export type TrendReply = {
  from: string;
  to: string;
  by: Grouping;
  disclosure: Disclosure;
  /** First date with data in the range; points start there. Null: no data at all. */
  firstData: string | null;
  points: TrendPoint[];
  /** Kept for the old dashboard: the same points. */
  days: TrendPoint[];
  spc: Record<HeadlineCode, SpcChart>;
};

// ---------------------------------------------------------------------------------------------
// GET /api/v1/dashboard/heatmap
export type HeatmapCell = { weekday: Weekday; hour: number; responses: number } & Headlines;
export type HeatmapReply = {
  from: string;
  to: string;
  disclosure: Disclosure;
  cells: HeatmapCell[];
  outsideOpeningHours: number;
};

// ---------------------------------------------------------------------------------------------
// GET /api/v1/dashboard/compare
export type CompareRow = {
  id: string;
  name: string;
  siteId: string;
  responses: number;
} & Headlines;
export type CompareReply = {
  from: string;
  to: string;
  by: "site" | "kiosk";
  disclosure: Disclosure;
  rows: CompareRow[];
};

// ---------------------------------------------------------------------------------------------
// GET /api/v1/dashboard/study — the study's five figures for a period and scope
export type AnswerFigure = {
  code: string;
  label: { da: string; en: string };
  count: Count;
  percent: number | null;
  ci95: Interval | null;
};
export type StudyFigure = {
  /** The study's figure number (3–7). */
  figure: number;
  question: string;
  text: { da: string; en: string };
  n: Count;
  suppressed: boolean;
  answers: AnswerFigure[];
};
export type StudyReply = {
  from: string;
  to: string;
  site: string | null;
  kiosk: string | null;
  disclosure: Disclosure;
  responses: number;
  provisional: boolean;
  /**
   * With why not (questionnaire 2 on): its n is the version-2 citizens who answered no, who
   * may tick several reasons.
   */
  gotHelp: StudyFigure & { reasons: StudyFigure };
  /** Of those sent on (sentOn = how many said yes to sent_on). */
  referredOk: StudyFigure & { sentOn: Count };
  /** Four levels, plus the top-two share. */
  guidance: StudyFigure & { topTwo: GuidanceFigures["topTwo"] };
  seenHeard: StudyFigure;
  improve: StudyFigure & { reasons: StudyFigure };
};

// ---------------------------------------------------------------------------------------------
// GET /api/v1/dashboard/year-earlier — a period against the same dates a year before
export type PeriodFigures = { from: string; to: string; responses: number; headlines: Headlines };
export type YearEarlierReply = {
  disclosure: Disclosure;
  current: PeriodFigures;
  yearEarlier: PeriodFigures;
  changes: Record<HeadlineCode, ChangeTest>;
  method: ChangeMethod;
};

// ---------------------------------------------------------------------------------------------
// Targets: GET/PUT /api/v1/dashboard/targets
export type TargetRow = {
  siteId: string | null;
  headline: HeadlineCode;
  percent: number;
  setAt: string;
};
export type TargetsReply = { targets: TargetRow[] };
/** PUT body: percent null removes the target. */
export type TargetChange = {
  siteId: string | null;
  headline: HeadlineCode;
  percent: number | null;
};

// ---------------------------------------------------------------------------------------------
// Admin: GET/PUT /api/v1/admin/disclosure, GET /api/v1/admin/audit
export type DisclosureSetting = { k: number; min: number; max: number; default: number };
export type AuditEntryRow = {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetId: string | null;
  details: Record<string, unknown>;
};
export type AuditReply = { entries: AuditEntryRow[]; next: string | null };
