/**
 * GET /api/v1/dashboard/local-questions and GET /api/v1/dashboard/local-breakdown
 * (docs/reports-api.md): the reply shapes, declared once for the server and the dashboard, in
 * the manner of report-contract.ts (whose Headline and Disclosure they use).
 */
import type { LocalText } from "./local-questions.ts";
import type { Disclosure, Headlines } from "./report-contract.ts";

/** One version of a local question, as the breakdown page offers it. */
export type LocalVersionSummary = {
  id: string;
  questionId: string;
  code: string;
  version: number;
  /** null: asked at every site. */
  siteId: string | null;
  retired: boolean;
  /** The latest version of its question (the one kiosks ask, unless retired). */
  latest: boolean;
  text: LocalText;
  answers: { code: string; label: LocalText }[];
};
export type LocalQuestionsReply = { versions: LocalVersionSummary[] };

/**
 * One group of the breakdown: the citizens who gave one answer, or (answer null) the rest of
 * the selection, who were not asked or skipped it. The groups add up to the selection, so they
 * form one margin for the disclosure rule (small groups hidden, and the next-smallest too when
 * a hidden one could otherwise be worked out from the report's total).
 */
export type LocalBreakdownRow = {
  answer: string | null;
  responses: number;
} & Headlines;

export type LocalBreakdownReply = {
  from: string;
  to: string;
  site: string | null;
  kiosk: string | null;
  includeSuspect: boolean;
  disclosure: Disclosure;
  question: LocalVersionSummary;
  /** In the version's answer order, then the rest. */
  rows: LocalBreakdownRow[];
};
