import type { Headline } from "../api/types.ts";
import { formatCount, formatInterval, formatPercent, hasFigure } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";
import { IntervalBar } from "./IntervalBar.tsx";

/**
 * One headline figure: the percentage, its n, the interval bar, and "usikker" below 30
 * answers. A figure the disclosure rule hid is shown as hidden, with no bar.
 */
export function HeadlineValue({ value, big = false }: { value: Headline; big?: boolean }) {
  const { t, lang } = useI18n();
  if (!hasFigure(value)) {
    return (
      <div className="headline-value">
        <span className={big ? "big" : "num"}>–</span>
        <span className="n">
          {value.suppressed
            ? t("hiddenFigure")
            : value.n === 0
              ? t("noAnswers")
              : `n ${formatCount(value.n, lang)}`}
        </span>
      </div>
    );
  }
  return (
    <div className="headline-value">
      <span className={big ? "big" : "num"}>{formatPercent(value.percent, lang)}</span>
      <span className="n">
        n {formatCount(value.n, lang)}
        {value.uncertain && (
          <span className="uncertain" title={t("uncertainHint")}>
            {" "}
            {t("uncertain")}
          </span>
        )}
      </span>
      <IntervalBar percent={value.percent} ci={value.ci95} />
      {big && (
        <span className="n">
          {t("interval")}: <span className="interval">{formatInterval(value.ci95, lang)}</span>
        </span>
      )}
    </div>
  );
}
