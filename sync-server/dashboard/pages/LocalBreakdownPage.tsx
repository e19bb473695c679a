import { useState } from "react";
import type { LocalVersionSummary } from "../../../shared/local-breakdown-contract.ts";
import { fetchLocalBreakdown, fetchLocalVersions } from "../api/local-questions.ts";
import type { CompareRow } from "../api/types.ts";
import { rangeOf } from "../app/filters.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { CompareTable } from "../components/CompareTable.tsx";
import { PeriodPicker } from "../components/PeriodPicker.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

const label = (version: LocalVersionSummary, lang: "da" | "en") =>
  `${lang === "en" ? (version.text.en ?? version.text.da) : version.text.da} (v${version.version}${version.retired ? ", ✕" : ""})`;

/**
 * Every headline broken down by a local question's answers (e.g. got help, by errand), for the
 * period and scope of the filters. Small groups are hidden, and the next-smallest with them so
 * none can be worked out from the total (shared/disclosure.ts).
 */
export function LocalBreakdownPage({
  site,
  kiosk,
  filters,
  setFilters,
  today,
  version,
}: PageProps) {
  const { t, lang } = useI18n();
  const versions = useResource(fetchLocalVersions, "local-versions", version);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = versions.data?.versions ?? [];
  const question = list.find((v) => v.id === chosen) ?? list.find((v) => v.latest) ?? list[0];
  const range = rangeOf(filters, today);
  const breakdown = useResource(
    () =>
      question
        ? fetchLocalBreakdown({ site, kiosk }, range, question.id)
        : Promise.resolve(undefined),
    `${question?.id}|${site}|${kiosk}|${range.from}|${range.to}`,
    version,
  );
  const answerName = (answer: string | null) => {
    if (answer === null) return t("localRest");
    const found = question?.answers.find((a) => a.code === answer);
    return found ? (lang === "en" ? (found.label.en ?? found.label.da) : found.label.da) : answer;
  };
  const rows: CompareRow[] = (breakdown.data?.rows ?? []).map((row) => ({
    ...row,
    id: row.answer ?? "",
    name: answerName(row.answer),
    siteId: "",
  }));
  return (
    <>
      <h1>{t("localTitle")}</h1>
      <p className="muted">{t("localIntro")}</p>
      <Status resource={versions} />
      {versions.data && list.length === 0 && <p>{t("localNone")}</p>}
      {question && (
        <div className="toolbar">
          <PeriodPicker value={filters.period} onChange={(period) => setFilters({ period })} />
          <label>
            {t("localQuestion")}
            <select value={question.id} onChange={(e) => setChosen(e.target.value)}>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v, lang)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <Status resource={breakdown} />
      {question && breakdown.data && <CompareTable rows={rows} label={t("localTitle")} />}
      {question && <p className="muted small">{t("suppressedHint")}</p>}
    </>
  );
}
