import { useState } from "react";
import { fetchComparison, fetchReport } from "../api/dashboard.ts";
import { rangeOf } from "../app/filters.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { CompareTable } from "../components/CompareTable.tsx";
import { PeriodPicker } from "../components/PeriodPicker.tsx";
import { ReasonBars } from "../components/ReasonBars.tsx";
import { Segmented } from "../components/Segmented.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

/** Sites or kiosks side by side, and what citizens say could be better, for one period. */
export function ComparePage({
  session,
  site,
  kiosk,
  filters,
  setFilters,
  today,
  version,
}: PageProps) {
  const { t } = useI18n();
  const [by, setBy] = useState<"site" | "kiosk">(
    session.sites.length > 1 && !site ? "site" : "kiosk",
  );
  const range = rangeOf(filters, today);
  const key = `${site}|${kiosk}|${range.from}|${range.to}`;
  const comparison = useResource(
    () => fetchComparison({ site, kiosk }, range, by),
    `${key}|${by}`,
    version,
  );
  const report = useResource(() => fetchReport({ site, kiosk }, range), key, version);
  const reasons = report.data?.questions.improve_reasons;
  return (
    <>
      <h1>{t("compareTitle")}</h1>
      <div className="toolbar">
        <PeriodPicker value={filters.period} onChange={(period) => setFilters({ period })} />
        <Segmented
          label={t("by")}
          value={by}
          onChange={setBy}
          options={[
            { value: "site", label: t("bySite") },
            { value: "kiosk", label: t("byKiosk") },
          ]}
        />
      </div>
      <Status resource={comparison} />
      {comparison.data && <CompareTable rows={comparison.data.rows} />}
      <p className="muted small">{t("suppressedHint")}</p>
      <section aria-labelledby="reasons-h" className="card">
        <h2 id="reasons-h">{t("reasonsTitle")}</h2>
        <Status resource={report} />
        {reasons && <ReasonBars reasons={reasons} />}
      </section>
    </>
  );
}
