import { type SyncedLocalQuestion, wordsIn } from "../../shared/local-questions.ts";
import type { Locale } from "../../shared/locales.ts";
import { ChoiceList } from "../components/ChoiceList.tsx";
import { Progress } from "../components/Progress.tsx";
import { QuestionControls } from "../components/QuestionControls.tsx";
import { useFocusHeading } from "../components/useFocusHeading.ts";
import type { UiStrings } from "../i18n/strings.ts";

/**
 * A local question (the municipality's or the site's own, after the core questions): single
 * choice, one tap answers and moves on, with back and "Spring over" as on every question. Only
 * questions translated into the citizen's language reach this screen (useInterview).
 */
export function LocalQuestionScreen(props: {
  t: UiStrings;
  locale: Locale;
  question: SyncedLocalQuestion;
  chosen: string | undefined;
  step: number;
  total: number;
  onAnswer: (answer: string) => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const { t, question, locale } = props;
  const heading = useFocusHeading<HTMLHeadingElement>(`local:${question.id}`);
  return (
    <section
      className="screen question"
      data-question={`local:${question.code}`}
      data-local-version={question.id}
      key={question.id}
    >
      <Progress t={t} step={props.step} total={props.total} />
      <h1 id="question-text" ref={heading} tabIndex={-1}>
        {wordsIn(question.text, locale)}
      </h1>
      <ChoiceList
        code={`local:${question.code}`}
        labelledBy="question-text"
        answers={question.answers.map((answer) => answer.code)}
        chosen={props.chosen === undefined ? [] : [props.chosen]}
        label={(code) => {
          const found = question.answers.find((answer) => answer.code === code);
          return found ? wordsIn(found.label, locale) : code;
        }}
        multi={false}
        onChoose={props.onAnswer}
      />
      <QuestionControls t={t} onBack={props.onBack} onSkip={props.onSkip} />
    </section>
  );
}
