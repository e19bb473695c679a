import { useState } from "react";
import { fetchHeatmap, fetchTrend } from "../api/dashboard.ts";
import { type HeadlineCode, headlineCodes } from "../api/types.ts";
import { groupings, rangeOf } from "../app/filters.ts";
import { formatDay } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { type HeatMetric, HeatmapTable } from "../components/HeatmapTable.tsx";
import { PChart } from "../components/PChart.tsx";
import { PeriodPicker } from "../components/PeriodPicker.tsx";
import { ResponsesChart } from "../components/ResponsesChart.tsx";
import { Segmented } from "../components/Segmented.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

/**
 * Udvikling: one headline as a p-chart per day, week or month (a sensible default per period,
 * the chief may choose), responses per period, and the hour × weekday heatmap of the period.
 */
export function TrendsPage({ site, kiosk, filters, setFilters, today, version }: PageProps) {
  const { t, lang } = useI18n();
  const [code, setCode] = useState<HeadlineCode>("got_help");
  const [metric, setMetric] = useState<HeatMetric>("responses");
  const range = rangeOf(filters, today);
  const by = filters.by;
  const key = `${site}|${kiosk}|${range.from}|${range.to}`;
  const trend = useResource(() => fetchTrend({ site, kiosk }, range, by), `${key}|${by}`, version);
  const heatmap = useResource(() => fetchHeatmap({ site, kiosk }, range), key, version);
  const data = trend.data;
  return (
    <>
      <h1>{t("trendsTitle")}</h1>
      <div className="toolbar">
        <PeriodPicker
          value={filters.period}
          onChange={(period) => setFilters({ period, by: undefined })}
        />
        <Segmented
          label={t("groupBy")}
          // Until the reply names the server's default grouping, none is pressed.
          value={by ?? trend.data?.by}
          onChange={(next) => setFilters({ by: next })}
          options={groupings.map((g) => ({ value: g, label: t(`by_${g}`) }))}
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
      <p className="muted small">
        {formatDay(range.from, lang, true)} – {formatDay(range.to, lang, true)}
      </p>
      <Status resource={trend} />
      {data && data.firstData === null && <p>{t("noDataInPeriod")}</p>}
      {data && data.firstData !== null && (
        <section aria-labelledby="trend-h">
          <h2 id="trend-h">
            {t("trendChart")}: {t(`h_${code}`)}
          </h2>
          {data.firstData > range.from && (
            <p className="muted small">
              {t("firstDataFrom")} {formatDay(data.firstData, lang, true)}.
            </p>
          )}
          <p className="muted small">{t("spcIntro")}</p>
          <PChart points={data.points} spc={data.spc[code]} code={code} by={data.by} />
          {data.points.some((p) => p.provisional) && (
            <p className="muted small provisional-note">{t("provisionalHint")}</p>
          )}
          <h2>{t("responsesPerPeriod")}</h2>
          <ResponsesChart days={data.points} by={data.by} />
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
