import { apiUrl, getJson, send } from "./http.ts";
import { countNewlines } from "./progress.ts";

/** The CSV export (issue 6): count first, then stream the file with progress. */

export type ExportFilters = {
  from: string;
  to: string;
  site?: string | undefined;
  kiosk?: string | undefined;
  includeSuspect: boolean;
  dialect: "rfc4180" | "excel-da";
  labels: "" | "da" | "en";
};

export type ExportKind = { file: "responses" } | { file: "figures"; by: string };

export function exportUrl(filters: ExportFilters, kind: ExportKind): string {
  const { labels, ...rest } = filters;
  // figures.csv has labels too (issue 12): the same choice, with "codes" for plain codes.
  if (kind.file === "figures") {
    return apiUrl("export/figures.csv", { ...rest, by: kind.by, labels: labels || "codes" });
  }
  return apiUrl("export/responses.csv", { ...rest, labels });
}

export const codebookUrl = (format: "json" | "md") =>
  apiUrl("export/codebook", { format: format === "md" ? "md" : undefined });

export async function countRows(filters: ExportFilters): Promise<number> {
  const { labels: _labels, dialect: _dialect, ...query } = filters;
  return (await getJson<{ rows: number }>("export/responses/count", query)).rows;
}

export type Downloaded = { blob: Blob; fileName: string; rows: number };

/** The file name the server chose (Content-Disposition), or a fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Streams a CSV with fetch and a reader, reporting the lines received so far (minus the
 * header), and returns it as a Blob. Lines are counted by newline bytes, so a comment with a
 * line break inside it counts twice: the caller caps the percentage below 100 until done.
 */
export async function downloadCsv(
  url: string,
  onProgress: (rows: number) => void,
  signal?: AbortSignal,
): Promise<Downloaded> {
  const response = await send("GET", url, undefined, { Accept: "text/csv" });
  const reader = response.body?.getReader();
  const parts: Uint8Array[] = [];
  let lines = 0;
  if (reader) {
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel();
        throw new DOMException("Export cancelled", "AbortError");
      }
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      lines += countNewlines(value);
      onProgress(Math.max(0, lines - 1));
    }
  }
  const blob = new Blob(parts as BlobPart[], {
    type: response.headers.get("Content-Type") ?? "text/csv",
  });
  return { blob, fileName: fileNameOf(response, "borgerpuls.csv"), rows: Math.max(0, lines - 1) };
}
