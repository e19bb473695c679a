import { formatPercent } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";
import type { AnswerFigureLike } from "./stacked-segments.ts";
import { segmentsOf } from "./stacked-segments.ts";

/**
 * The four guidance levels as one 100 % bar (the study's 70/23/4/3), best to worst left to
 * right; the legend under it names each level with its share, so colour is never the only cue.
 */
export function StackedBar({ answers, label }: { answers: AnswerFigureLike[]; label: string }) {
  const { lang } = useI18n();
  const segments = segmentsOf(answers);
  const said = answers.map((a) => `${a.label[lang]} ${formatPercent(a.percent, lang)}`).join(", ");
  return (
    <div className="stacked">
      <svg
        className="stacked-bar"
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: ${said}`}
      >
        {segments.map((s) => (
          <rect
            key={s.code}
            x={s.start}
            width={s.width}
            y="0"
            height="8"
            className={`seg seg-${s.index}`}
          />
        ))}
      </svg>
      <ul className="stacked-legend">
        {answers.map((a, index) => (
          <li key={a.code}>
            <span className={`key seg-${index}`} aria-hidden="true" /> {a.label[lang]}{" "}
            <span className="numeric">{formatPercent(a.percent, lang)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
