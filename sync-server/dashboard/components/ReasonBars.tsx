import type { QuestionFigures } from "../api/types.ts";
import { formatCount, formatPercent } from "../app/format.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

const reasonCodes = ["shorter_wait", "help_with_everything", "know_departments", "other"] as const;

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
