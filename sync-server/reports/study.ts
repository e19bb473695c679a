import { type QuestionCode, questionByCode } from "../../shared/questionnaire.ts";
import type { QuestionFigures, StudyFigure, StudyReply } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import { hiddenOfSelection, questionsOf, sumCounts } from "./figures-of-counts.ts";
import { isProvisional, type ReportContext } from "./report-context.ts";

/** One question as the study showed it: every answer in the questionnaire's order, N, 95 %. */
function studyFigure(figure: number, code: QuestionCode, figures: QuestionFigures): StudyFigure {
  const question = questionByCode(code);
  const answers = question.kind === "text" ? [] : question.answers;
  return {
    figure,
    question: code,
    text: question.text,
    n: figures.n,
    suppressed: figures.suppressed,
    answers: answers.map((answer) => ({
      code: answer.code,
      label: answer.label,
      count: figures.counts[answer.code] ?? null,
      percent: figures.percent[answer.code] ?? null,
      ci95: figures.ci95[answer.code] ?? null,
    })),
  };
}

/**
 * GET /dashboard/study: the study's five figures (shared/study.md) for a period and scope —
 * got help (3); of those sent on, guided to the right place (4); guidance in four levels (5);
 * seen and heard (6); what would improve, with the reasons (7). The selection is one group
 * under the disclosure rule, question by question.
 */
export async function buildStudy(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string; site: string | null },
  context: ReportContext,
): Promise<StudyReply> {
  const total = sumCounts(await countsByDate(db, scope, range.from, range.to));
  const questions = questionsOf(total, hiddenOfSelection(total, context.k));
  return {
    from: range.from,
    to: range.to,
    site: range.site,
    kiosk: scope.kioskId,
    disclosure: { k: context.k },
    responses: total.responses,
    provisional: isProvisional(context, range),
    gotHelp: {
      ...studyFigure(3, "got_help", questions.got_help),
      reasons: studyFigure(3, "no_help_reasons", questions.no_help_reasons),
    },
    referredOk: {
      ...studyFigure(4, "referred_ok", questions.referred_ok),
      sentOn: questions.sent_on.counts.yes ?? null,
    },
    guidance: {
      ...studyFigure(5, "guidance", questions.guidance),
      topTwo: questions.guidance.topTwo,
    },
    seenHeard: studyFigure(6, "seen_heard", questions.seen_heard),
    improve: {
      ...studyFigure(7, "improve", questions.improve),
      reasons: studyFigure(7, "improve_reasons", questions.improve_reasons),
    },
  };
}
