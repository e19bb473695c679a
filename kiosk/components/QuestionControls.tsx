import type { UiStrings } from "../i18n/strings.ts";

/** Back, then "Næste" where the question needs it (multi choice, text), then "Spring over". */
export function QuestionControls(props: {
  t: UiStrings;
  onBack: () => void;
  onNext?: (() => void) | undefined;
  onSkip: () => void;
}) {
  const { t } = props;
  return (
    <div className="controls">
      <button type="button" className="secondary" data-action="back" onClick={props.onBack}>
        <span className="arrow" aria-hidden="true">
          ←
        </span>{" "}
        {t.back}
      </button>
      {props.onNext ? (
        <button type="button" className="primary" data-action="next" onClick={props.onNext}>
          {t.next}{" "}
          <span className="arrow" aria-hidden="true">
            →
          </span>
        </button>
      ) : null}
      <button type="button" className="secondary" data-action="skip" onClick={props.onSkip}>
        {t.skip}
      </button>
    </div>
  );
}
