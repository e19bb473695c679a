import { type Period, periods } from "../app/filters.ts";
import { useI18n } from "../i18n/index.tsx";
import { Segmented } from "./Segmented.tsx";

const labels = { 7: "days7", 30: "days30", 90: "days90", 365: "days365" } as const;

/** The period choice every figure page shares (kept in the URL as `period`). */
export function PeriodPicker({
  value,
  onChange,
}: {
  value: Period;
  onChange: (period: Period) => void;
}) {
  const { t } = useI18n();
  return (
    <Segmented
      label={t("period")}
      value={value}
      onChange={onChange}
      options={periods.map((p) => ({ value: p, label: t(labels[p]) }))}
    />
  );
}
