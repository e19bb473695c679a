import type { Change } from "../api/types.ts";
import { useI18n } from "../i18n/index.tsx";

/**
 * "▲ higher than the last 7 days", only when the server says the change is larger than the
 * noise (an exact test, adjusted for the page's other tests); nothing at all otherwise, so a
 * mark always means something. Never on a figure marked *usikker*, whatever arrives.
 */
export function ChangeMark({
  change,
  period,
  uncertain = false,
}: {
  change: Change;
  period: "last7" | "last30" | "yearEarlier";
  uncertain?: boolean;
}) {
  const { t } = useI18n();
  if (change === null || uncertain) return null;
  return (
    <span className={`change ${change}`} data-change={`${period}-${change}`}>
      <span aria-hidden="true">{change === "up" ? "▲" : "▼"}</span>{" "}
      {change === "up" ? t("higherThan") : t("lowerThan")} {t(period).toLowerCase()}
    </span>
  );
}
