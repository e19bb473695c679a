import { type QuestionCode, questionByCode } from "../../shared/questionnaire.ts";
import type { Answers } from "../../shared/response.ts";
import { progress } from "../app/flow.ts";
import { ChoiceList } from "../components/ChoiceList.tsx";
import { FreeText } from "../components/FreeText.tsx";
import { Progress } from "../components/Progress.tsx";
import { QuestionControls } from "../components/QuestionControls.tsx";
import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { LocaleText } from "../i18n/locale-text.ts";

export type QuestionActions = {
  onAnswer: (answer: string) => void;
  onUpdate: (value: string[]) => void;
  /** The comment as it is typed; only "Næste" sends it. */
  onType: (text: string) => void;
  onNext: () => void;
  onSkip: () => void;
  onBack: () => void;
};

/** One question per screen, with progress, back and a visible "Spring over". */
export function QuestionScreen(
  props: {
    text: LocaleText;
    code: QuestionCode;
    answers: Answers;
    unsentText: string | undefined;
    /** Local questions that follow the core ones (they count in the progress). */
    localCount?: number;
  } & QuestionActions,
) {
  const { text, code, answers } = props;
  const t = text.ui;
  const question = questionByCode(code);
  const heading = useFocusHeading<HTMLHeadingElement>(code);
  const core = progress(code, answers);
  const { step } = core;
  const total = core.total + (props.localCount ?? 0);
  const given = answers[code];
  const chosen = Array.isArray(given) ? given : typeof given === "string" ? [given] : [];

  return (
    // Not keyed by question: the next question reuses this one's elements (progress, heading,
    // answer tiles by place, controls), so a tap costs React and the browser only the
    // changes, not a new screen built, styled and laid out from nothing.
    <section className="screen question" data-question={code}>
      <Progress t={t} step={step} total={total} />
      <h1 id="question-text" ref={heading} tabIndex={-1}>
        {text.question(code)}
      </h1>
      {question.kind === "text" ? (
        <FreeText
          key={code}
          t={t}
          locale={text.locale}
          labelledBy="question-text"
          value={props.unsentText ?? (typeof given === "string" ? given : "")}
          maxLength={question.maxLength}
          onChange={props.onType}
        />
      ) : (
        <>
          {question.kind === "multi" ? <p className="hint">{t.chooseAny}</p> : null}
          <ChoiceList
            code={code}
            labelledBy="question-text"
            answers={question.answers.map((answer) => answer.code)}
            chosen={chosen}
            label={(answer) => text.answer(code, answer)}
            multi={question.kind === "multi"}
            onChoose={(answer) =>
              question.kind === "multi"
                ? props.onUpdate(
                    chosen.includes(answer)
                      ? chosen.filter((c) => c !== answer)
                      : [...chosen, answer],
                  )
                : props.onAnswer(answer)
            }
          />
        </>
      )}
      <QuestionControls
        t={t}
        onBack={props.onBack}
        onNext={question.kind === "single" ? undefined : props.onNext}
        onSkip={props.onSkip}
      />
    </section>
  );
}
