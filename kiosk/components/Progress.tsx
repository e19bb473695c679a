import { format, type UiStrings } from "../i18n/strings.ts";

/** "Spørgsmål 2 af 6" in words, plus a bar for those who glance. */
export function Progress(props: { t: UiStrings; step: number; total: number }) {
  const fraction = Math.min(1, props.step / Math.max(1, props.total));
  return (
    <div className="progress">
      <p>{format(props.t.progress, { step: props.step, total: props.total })}</p>
      <div className="bar" aria-hidden="true">
        {/* Scaled, not sized: the bar's transition then runs on the compositor, with no style
            and layout on the main thread for each of its frames while the citizen taps on. */}
        <div style={{ transform: `scaleX(${fraction.toFixed(3)})` }} />
      </div>
    </div>
  );
}
