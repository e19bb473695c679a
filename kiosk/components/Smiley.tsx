/**
 * The faces of the guidance scale. They only support the words under them (the label is the
 * answer), so they are hidden from screen readers; the mouth, not just the colour, carries the
 * meaning for people who cannot tell the colours apart.
 */
const mouths: Record<string, string> = {
  very_good: "M14 28 Q24 40 34 28",
  good: "M15 30 Q24 36 33 30",
  poor: "M15 35 Q24 29 33 35",
  unacceptable: "M14 37 Q24 26 34 37",
};

export function Smiley(props: { answer: string }) {
  return (
    <svg
      className={`smiley smiley-${props.answer}`}
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="24" cy="24" r="21" />
      <circle className="eye" cx="17" cy="19" r="2.6" />
      <circle className="eye" cx="31" cy="19" r="2.6" />
      <path d={mouths[props.answer] ?? mouths.good} />
    </svg>
  );
}
