import { useState } from "react";
import { fetchHeatmap, fetchTrend } from "../api/dashboard.ts";
import { type HeadlineCode, headlineCodes } from "../api/types.ts";
import { lastDays, todayIn } from "../app/dates.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { type HeatMetric, HeatmapTable } from "../components/HeatmapTable.tsx";
import { ResponsesChart } from "../components/ResponsesChart.tsx";
import { Segmented } from "../components/Segmented.tsx";
import { Status } from "../components/Status.tsx";
import { TrendChart } from "../components/TrendChart.tsx";
import { useI18n } from "../i18n/index.tsx";

/** Trends per day over 30/90/365 days, and the hour × weekday heatmap of the same period. */
export function TrendsPage({ session, site, version }: PageProps) {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const [code, setCode] = useState<HeadlineCode>("got_help");
  const [metric, setMetric] = useState<HeatMetric>("responses");
  const timezone = session.sites[0]?.timezone ?? "Europe/Copenhagen";
  const range = lastDays(todayIn(timezone), days);
  const key = `${site}|${range.from}|${range.to}`;
  const trend = useResource(() => fetchTrend({ site }, range), key, version);
  const heatmap = useResource(() => fetchHeatmap({ site }, range), key, version);
  return (
    <>
      <h1>{t("trendsTitle")}</h1>
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
        <label>
          {t("figure")}
          <select value={code} onChange={(e) => setCode(e.target.value as HeadlineCode)}>
            {headlineCodes.map((c) => (
              <option key={c} value={c}>
                {t(`h_${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Status resource={trend} />
      {trend.data && (
        <section aria-labelledby="trend-h">
          <h2 id="trend-h">
            {t("trendChart")}: {t(`h_${code}`)}
          </h2>
          <TrendChart days={trend.data.days} code={code} />
          <h2>{t("responsesPerDay")}</h2>
          <ResponsesChart days={trend.data.days} />
        </section>
      )}
      <section aria-labelledby="heat-h">
        <h2 id="heat-h">{t("heatmapTitle")}</h2>
        <p className="muted small">{t("heatmapIntro")}</p>
        <label className="inline">
          {t("figure")}
          <select value={metric} onChange={(e) => setMetric(e.target.value as HeatMetric)}>
            <option value="responses">{t("responses")}</option>
            {headlineCodes.map((c) => (
              <option key={c} value={c}>
                {t(`h_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <Status resource={heatmap} />
        {heatmap.data && <HeatmapTable heatmap={heatmap.data} metric={metric} />}
      </section>
    </>
  );
}
