import { getJson, send } from "./http.ts";
import type {
  CommentPage,
  Comparison,
  Grouping,
  Heatmap,
  KiosksReply,
  Range,
  Report,
  Scope,
  Study,
  Today,
  Trend,
  YearEarlier,
} from "./types.ts";

/** Read-only figure endpoints under /api/v1/dashboard and /api/v1/report. */

export const fetchToday = (scope: Scope, date: string | undefined) =>
  getJson<Today>("dashboard/today", { ...scope, date });

/** Without `by` the server picks the grouping for the period's length (and says which). */
export const fetchTrend = (scope: Scope, range: Range, by: Grouping | undefined) =>
  getJson<Trend>("dashboard/trend", { ...scope, ...range, by });

/** The study's five figures (full distributions, N, intervals) for a period and scope. */
export const fetchStudy = (scope: Scope, range: Range) =>
  getJson<Study>("dashboard/study", { ...scope, ...range });

/** The headlines of a period against the same dates a year earlier, with exact tests. */
export const fetchYearEarlier = (scope: Scope, range: Range) =>
  getJson<YearEarlier>("dashboard/year-earlier", { ...scope, ...range });

export const fetchHeatmap = (scope: Scope, range: Range) =>
  getJson<Heatmap>("dashboard/heatmap", { ...scope, ...range });

export const fetchComparison = (scope: Scope, range: Range, by: "site" | "kiosk") =>
  getJson<Comparison>("dashboard/compare", { ...scope, ...range, by });

export const fetchComments = (
  scope: Scope,
  range: Range,
  options: { q?: string; before?: string | null; limit?: number },
) => getJson<CommentPage>("dashboard/comments", { ...scope, ...range, ...options });

export const fetchKioskHealth = (scope: Scope) =>
  getJson<KiosksReply>("dashboard/kiosks", { site: scope.site });

export const fetchReport = (scope: Scope, range: Range) =>
  getJson<Report>("report", { ...scope, ...range });

/**
 * Asks whether figures changed since `etag` (a cheap probe the server answers 304 to when
 * nothing changed). Returns the new ETag, or null when unchanged.
 */
export async function probeChanges(scope: Scope, etag: string | null): Promise<string | null> {
  const query = scope.site ? `?site=${encodeURIComponent(scope.site)}` : "";
  const response = await send(
    "GET",
    `/api/v1/dashboard/changes${query}`,
    undefined,
    etag ? { "If-None-Match": etag } : {},
  );
  if (response.status === 304) return null;
  return response.headers.get("ETag") ?? "";
}
