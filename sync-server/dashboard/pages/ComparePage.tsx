import { useState } from "react";
import { fetchComparison, fetchReport } from "../api/dashboard.ts";
import { lastDays, todayIn } from "../app/dates.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { CompareTable } from "../components/CompareTable.tsx";
import { ReasonBars } from "../components/ReasonBars.tsx";
import { Segmented } from "../components/Segmented.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

/** Sites or kiosks side by side, and what citizens say could be better, for one period. */
export function ComparePage({ session, site, version }: PageProps) {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const [by, setBy] = useState<"site" | "kiosk">(session.sites.length > 1 ? "site" : "kiosk");
  const range = lastDays(todayIn(session.sites[0]?.timezone ?? "Europe/Copenhagen"), days);
  const key = `${site}|${range.from}|${range.to}`;
  const comparison = useResource(
    () => fetchComparison({ site }, range, by),
    `${key}|${by}`,
    version,
  );
  const report = useResource(() => fetchReport({ site }, range), key, version);
  const reasons = report.data?.questions.improve_reasons;
  return (
    <>
      <h1>{t("compareTitle")}</h1>
      <div className="toolbar">
        <Segmented
          label={t("period")}
          value={days}
          onChange={setDays}
          options={[
            { value: 30, label: t("days30") },
            { value: 90, label: t("days90") },
            { value: 365, label: t("days365") },
          ]}
        />
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
