import { useEffect, useRef, useState } from "react";
import { fetchKioskHealth } from "../api/dashboard.ts";
import {
  codebookUrl,
  countRows,
  downloadCsv,
  type ExportFilters,
  type ExportKind,
  exportUrl,
} from "../api/export.ts";
import { lastDays, todayIn } from "../app/dates.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { ExportProgress, type ExportState } from "../components/ExportProgress.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

const byOptions = ["day", "week", "month", "site", "kiosk"] as const;

/** The analysts' export (issue 6): filters, dialect, labels, and a download with progress. */
export function ExportPage({ session, site: shellSite }: PageProps) {
  const { t } = useI18n();
  const initial = lastDays(todayIn(session.sites[0]?.timezone ?? "Europe/Copenhagen"), 30);
  const [filters, setFilters] = useState<ExportFilters>({
    ...initial,
    site: shellSite,
    kiosk: undefined,
    includeSuspect: false,
    dialect: "excel-da",
    labels: "",
  });
  const [by, setBy] = useState<(typeof byOptions)[number]>("day");
  const [state, setState] = useState<ExportState>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);
  const kiosks = useResource(() => fetchKioskHealth({}), "all", 0);
  const set = (changes: Partial<ExportFilters>) => setFilters((f) => ({ ...f, ...changes }));

  // The object URL holds the whole file in memory: free it when replaced or on leaving.
  useEffect(() => {
    if (state.phase !== "done") return;
    return () => URL.revokeObjectURL(state.url);
  }, [state]);
  useEffect(() => () => abort.current?.abort(), []);

  const run = async (kind: ExportKind) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      let total: number | null = null;
      if (kind.file === "responses") {
        setState({ phase: "counting" });
        total = await countRows(filters);
      }
      setState({ phase: "streaming", rows: 0, total });
      const file = await downloadCsv(
        exportUrl(filters, kind),
        (rows) => setState({ phase: "streaming", rows, total }),
        controller.signal,
      );
      const url = URL.createObjectURL(file.blob);
      setState({ phase: "done", rows: total ?? file.rows, url, fileName: file.fileName });
    } catch (error) {
      if (controller.signal.aborted) setState({ phase: "idle" });
      else setState({ phase: "failed", message: error instanceof Error ? error.message : "" });
    }
  };
  const busy = state.phase === "counting" || state.phase === "streaming";
  const siteKiosks = (kiosks.data?.kiosks ?? []).filter(
    (k) => !filters.site || k.siteId === filters.site,
  );
  return (
    <>
      <h1>{t("exportTitle")}</h1>
      <p className="muted">{t("exportIntro")}</p>
      <form className="card form-grid" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("from")}
          <input
            type="date"
            value={filters.from}
            max={filters.to}
            required
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label>
          {t("to")}
          <input
            type="date"
            value={filters.to}
            min={filters.from}
            required
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
        <label>
          {t("site")}
          <select
            value={filters.site ?? ""}
            onChange={(e) => set({ site: e.target.value || undefined, kiosk: undefined })}
          >
            {session.allSites && <option value="">{t("allSites")}</option>}
            {!session.allSites && session.sites.length > 1 && (
              <option value="">{t("allSites")}</option>
            )}
            {session.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("kiosk")}
          <select
            value={filters.kiosk ?? ""}
            onChange={(e) => set({ kiosk: e.target.value || undefined })}
          >
            <option value="">{t("allKiosks")}</option>
            {siteKiosks.map((k) => (
              <option key={k.kioskId} value={k.kioskId}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("dialect")}
          <select
            value={filters.dialect}
            onChange={(e) => set({ dialect: e.target.value as ExportFilters["dialect"] })}
          >
            <option value="excel-da">{t("dialectExcel")}</option>
            <option value="rfc4180">{t("dialectRfc")}</option>
          </select>
        </label>
        <label>
          {t("labels")}
          <select
            value={filters.labels}
            onChange={(e) => set({ labels: e.target.value as ExportFilters["labels"] })}
          >
            <option value="">{t("labelsCodes")}</option>
            <option value="da">{t("labelsDa")}</option>
            <option value="en">{t("labelsEn")}</option>
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={filters.includeSuspect}
            onChange={(e) => set({ includeSuspect: e.target.checked })}
          />
          {t("includeSuspect")}
        </label>
      </form>
      <section className="toolbar">
        {/* Raw rows are for analysts (issue 12): a chief gets figures; the server refuses too. */}
        {session.role === "chief" ? (
          <p className="muted small">{t("rawRowsForAnalysts")}</p>
        ) : (
          <button type="button" disabled={busy} onClick={() => run({ file: "responses" })}>
            {t("downloadResponses")}
          </button>
        )}
        <label>
          {t("by")}
          <select value={by} onChange={(e) => setBy(e.target.value as (typeof byOptions)[number])}>
            {byOptions.map((option) => (
              <option key={option} value={option}>
                {t(`by_${option}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => run({ file: "figures", by })}
        >
          {t("downloadFigures")}
        </button>
        <a href={codebookUrl("json")} target="_blank" rel="noreferrer">
          {t("codebook")}
        </a>
        <a href={codebookUrl("md")} target="_blank" rel="noreferrer">
          {t("codebookMd")}
        </a>
      </section>
      <ExportProgress state={state} onCancel={() => abort.current?.abort()} />
    </>
  );
}
