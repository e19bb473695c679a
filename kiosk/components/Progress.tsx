import { format, type UiStrings } from "../i18n/strings.ts";

/** "Spørgsmål 2 af 6" in words, plus a bar for those who glance. */
export function Progress(props: { t: UiStrings; step: number; total: number }) {
  const percent = Math.round((props.step / Math.max(1, props.total)) * 100);
  return (
    <div className="progress">
      <p>{format(props.t.progress, { step: props.step, total: props.total })}</p>
      <div className="bar" aria-hidden="true">
        <div style={{ inlineSize: `${percent}%` }} />
      </div>
    </div>
  );
}
