import { questions } from "../../../shared/questionnaire.ts";
import type { Study, StudyFigure } from "../api/types.ts";
import { da, type MessageKey } from "../i18n/da.ts";

/**
 * The study reply's figures, each once, in the questionnaire's order (shared/questionnaire.ts):
 * got_help, its reasons why not, referred_ok, guidance, seen_heard, improve, its reasons. A
 * question is listed only when the reply has a figure for it (sent_on and the comment have
 * none); whether a figure is shown is the server's small-number rule (figure.suppressed).
 */
export function studyFiguresInOrder(study: Study): StudyFigure[] {
  const byQuestion = new Map(
    [
      study.gotHelp,
      study.gotHelp.reasons,
      study.referredOk,
      study.guidance,
      study.seenHeard,
      study.improve,
      study.improve.reasons,
    ].map((figure) => [figure.question, figure]),
  );
  return questions.flatMap((question) => {
    const figure = byQuestion.get(question.code);
    return figure ? [figure] : [];
  });
}

/** The figure's short title (study_<question> in the messages), if it has one. */
export function studyTitleKey(figure: StudyFigure): MessageKey | undefined {
  const key = `study_${figure.question}`;
  return Object.hasOwn(da, key) ? (key as MessageKey) : undefined;
}
