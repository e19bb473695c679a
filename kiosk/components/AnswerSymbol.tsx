/**
 * A tick for "Ja", a cross for "Nej": the word is the answer, the symbol helps those who read
 * slowly or not in this language. Hidden from screen readers, which read the word.
 */
export function AnswerSymbol(props: { answer: string }) {
  return (
    <svg
      className={`answer-symbol answer-symbol-${props.answer}`}
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="24" cy="24" r="21" />
      <path d={props.answer === "yes" ? "M14 25l7 7 13-15" : "M16 16l16 16M32 16L16 32"} />
    </svg>
  );
}
