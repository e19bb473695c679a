import { progressPercent } from "../api/progress.ts";
import { formatNumber } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";

export type ExportState =
  | { phase: "idle" }
  | { phase: "counting" }
  | { phase: "streaming"; rows: number; total: number | null }
  | { phase: "done"; rows: number; url: string; fileName: string }
  | { phase: "failed"; message: string };

/** Rows received of rows counted, as a progress bar and words; then the link to save the file. */
export function ExportProgress({ state, onCancel }: { state: ExportState; onCancel: () => void }) {
  const { t, lang } = useI18n();
  if (state.phase === "idle") return null;
  if (state.phase === "failed") {
    return (
      <p className="error" role="alert">
        {t("error")}: {state.message}
      </p>
    );
  }
  if (state.phase === "done") {
    return (
      <div className="card export-done" role="status">
        <p>
          {t("done")}: {formatNumber(state.rows, lang)} {t("rows")}.{" "}
          <a href={state.url} download={state.fileName} className="button">
            {t("saveFile")}: {state.fileName}
          </a>
        </p>
      </div>
    );
  }
  const streaming = state.phase === "streaming" ? state : null;
  const percent =
    streaming && streaming.total !== null
      ? progressPercent(streaming.rows, streaming.total, false)
      : null;
  return (
    <div className="card export-progress">
      <p role="status" aria-live="polite">
        {state.phase === "counting"
          ? t("counting")
          : streaming && streaming.total !== null
            ? `${t("downloading")}: ${formatNumber(streaming.rows, lang)} ${t("rowsOf")} ${formatNumber(streaming.total, lang)} (${percent} %)`
            : `${t("downloading")}: ${formatNumber(streaming?.rows ?? 0, lang)}`}
      </p>
      <progress max={100} value={percent ?? undefined} aria-label={t("downloading")} />
      <button type="button" className="secondary" onClick={onCancel}>
        {t("cancel")}
      </button>
    </div>
  );
}
