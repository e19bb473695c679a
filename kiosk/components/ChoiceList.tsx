import type { QuestionCode } from "../../shared/questionnaire.ts";
import { answerLabel, type Locale } from "../../shared/questionnaire-i18n.ts";
import { Smiley } from "./Smiley.tsx";

/**
 * Big answer buttons. Single choice: one tap answers and moves on. Multi choice: each tap
 * toggles (aria-pressed) and "Næste" moves on. The previous answer shows as pressed when the
 * citizen comes back to a question.
 */
export function ChoiceList(props: {
  code: QuestionCode;
  answers: readonly string[];
  chosen: readonly string[];
  locale: Locale;
  multi: boolean;
  onChoose: (answer: string) => void;
}) {
  const smileys = props.code === "guidance";
  return (
    <ul className={`choices${smileys ? " smileys" : ""}${props.multi ? " multi" : ""}`}>
      {props.answers.map((answer) => (
        <li key={answer}>
          <button
            type="button"
            className="answer"
            data-answer={answer}
            aria-pressed={props.chosen.includes(answer)}
            onClick={() => props.onChoose(answer)}
          >
            {smileys ? <Smiley answer={answer} /> : null}
            {props.multi ? <span className="tick" aria-hidden="true" /> : null}
            <span className="label">{answerLabel(props.code, answer, props.locale)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
