import { answerCodes } from "../../../shared/questionnaire.ts";
import type { QuestionFigures } from "../api/types.ts";
import { formatCount, formatPercent } from "../app/format.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

// The questionnaire's codes; each one's short label is r_<code> (tests/unit/answer-translations).
const reasonCodes = answerCodes("improve_reasons");

/** Improvement reasons as horizontal bars; the text beside each bar carries the number. */
export function ReasonBars({ reasons }: { reasons: QuestionFigures }) {
  const { t, lang } = useI18n();
  return (
    <div className="bars">
      <p className="muted small">
        {t("reasonsIntro")} n = {formatCount(reasons.n, lang)}
      </p>
      {reasonCodes.map((code) => {
        const percent = reasons.percent[code] ?? null;
        return (
          <div className="bar-row" key={code}>
            <span>{t(`r_${code}` as MessageKey)}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${percent ?? 0}%`, display: "block" }} />
            </span>
            <span className="numeric">
              {percent === null
                ? formatCount(reasons.counts[code] ?? 0, lang)
                : formatPercent(percent, lang)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
