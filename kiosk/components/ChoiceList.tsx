import type { KeyboardEvent } from "react";
import { AnswerSymbol } from "./AnswerSymbol.tsx";
import { Smiley } from "./Smiley.tsx";

/**
 * Big answer tiles of equal size. Single choice is a radio group: one tap answers and moves on,
 * and the previous answer shows as checked when the citizen comes back. Multi choice is a set of
 * checkboxes and "Næste" moves on. Arrow keys move between the tiles (the ARIA radio group
 * pattern, without its "arrow also checks": here checking leaves the screen).
 */
export function ChoiceList(props: {
  /** A core question's code, or local:<code> for a local question. */
  code: string;
  labelledBy: string;
  answers: readonly string[];
  chosen: readonly string[];
  /** The answer's words in the citizen's language. */
  label: (answer: string) => string;
  multi: boolean;
  onChoose: (answer: string) => void;
}) {
  const smileys = props.code === "guidance";
  const yesNo = props.answers.length === 2 && props.answers.every((a) => a === "yes" || a === "no");
  // One tab stop for a radio group: the checked tile, else the first.
  const tabStop = props.answers.find((answer) => props.chosen.includes(answer)) ?? props.answers[0];
  const moveFocus = (event: KeyboardEvent<HTMLButtonElement>) => {
    const rtl = document.documentElement.dir === "rtl";
    const steps = new Map([
      ["ArrowDown", 1],
      ["ArrowUp", -1],
      ["ArrowRight", rtl ? -1 : 1],
      ["ArrowLeft", rtl ? 1 : -1],
    ]);
    const step = steps.get(event.key);
    if (step === undefined) return;
    const group = event.currentTarget.parentElement;
    if (!group) return;
    const tiles = [...group.querySelectorAll<HTMLButtonElement>("button.answer")];
    const at = tiles.indexOf(event.currentTarget);
    tiles[(at + step + tiles.length) % tiles.length]?.focus();
    event.preventDefault();
  };
  const className = [
    "choices",
    smileys ? "smileys" : "",
    yesNo ? "yes-no" : "",
    props.multi ? "multi" : "",
  ]
    .filter(Boolean)
    .join(" ");
  // Tiles are keyed by place, not answer: the next question's tiles reuse this one's buttons
  // (the tapped one, focused by its press, among them), so a tap costs the browser new words and
  // attributes, not buttons removed, built and styled from nothing (kiosk-profile.ts).
  const tile = (answer: string, place: number) => {
    const checked = props.chosen.includes(answer);
    const content = (
      <>
        {smileys ? <Smiley answer={answer} /> : null}
        {yesNo ? <AnswerSymbol answer={answer} /> : null}
        {props.multi ? <span className="tick" aria-hidden="true" /> : null}
        <span className="label">{props.label(answer)}</span>
      </>
    );
    return props.multi ? (
      // biome-ignore lint/a11y/useSemanticElements: a tile like the radios beside it, with checkbox semantics.
      <button
        key={place}
        type="button"
        className="answer"
        role="checkbox"
        data-answer={answer}
        aria-checked={checked}
        onClick={() => props.onChoose(answer)}
      >
        {content}
      </button>
    ) : (
      // biome-ignore lint/a11y/useSemanticElements: native radios check on arrow keys, and checking here answers and leaves the screen; the tiles keep button behaviour with radio semantics.
      <button
        key={place}
        type="button"
        className="answer"
        role="radio"
        data-answer={answer}
        aria-checked={checked}
        tabIndex={answer === tabStop ? 0 : -1}
        onClick={() => props.onChoose(answer)}
        onKeyDown={moveFocus}
      >
        {content}
      </button>
    );
  };
  // No fieldset for the groups: its legend and border render differently in every browser.
  return props.multi ? (
    // biome-ignore lint/a11y/useSemanticElements: see above.
    <div className={className} role="group" aria-labelledby={props.labelledBy}>
      {props.answers.map(tile)}
    </div>
  ) : (
    <div className={className} role="radiogroup" aria-labelledby={props.labelledBy}>
      {props.answers.map(tile)}
    </div>
  );
}
