import { uncertainBelow } from "../../shared/figures.ts";
import type { HeadlineCode } from "../../shared/headlines.ts";
import type { TodayFigure } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { listComments } from "../queries/comments.ts";
import { listKioskDetails, listSiteDetails } from "../queries/dashboard-lists.ts";
import { findSeqGaps, findSeqRuns, listKioskHealth } from "../queries/kiosk-health.ts";
import { countsByDate, type RollupScope } from "../queries/report-rollups.ts";
import { sumCounts } from "../reports/figures-of-counts.ts";
import { kioskHealthRows } from "../reports/kiosk-health.ts";
import { addDays } from "../reports/local-time.ts";
import { reportOfDays } from "../reports/report.ts";
import { loadReportContext, loadTargets } from "../reports/report-context.ts";
import { type SpcSignal, spcSignals } from "../reports/spc-signals.ts";
import { todayFigures } from "../reports/today.ts";
import type { DigestPeriod } from "./digest-period.ts";

/** Signals in a digest rest on at least as many answers as a figure not marked "usikker". */
export const digestSignalMinAnswers = uncertainBelow;
const commentsShown = 3;
const reasonsShown = 3;

export type DigestData = {
  period: DigestPeriod;
  siteNames: string[];
  k: number;
  responses: number;
  /** Each headline in the period beside the 7 and 30 days before it, as on "I dag". */
  figures: Record<HeadlineCode, TodayFigure>;
  signals: SpcSignal[];
  kiosks: { name: string; siteName: string; silent: boolean; missing: number }[];
  /** Top reasons given for "could be better"; empty when hidden by the small-group rule. */
  reasons: { code: string; count: number; percent: number | null }[];
  comments: { date: string; text: string }[];
};

/**
 * Everything a digest shows, from the same report functions as the dashboard (rollups, the
 * disclosure rule, the p-charts, kiosk health): a figure the dashboard would hide for this
 * user's sites is hidden here too.
 */
export async function buildDigest(
  db: Queryable,
  reader: { municipalityId: string; siteIds: readonly string[] | null },
  period: DigestPeriod,
  now: Date,
): Promise<DigestData> {
  const scope: RollupScope = {
    municipalityId: reader.municipalityId,
    siteIds: reader.siteIds,
    kioskId: null,
    includeSuspect: false,
  };
  const [sites, context, targets, kiosks, health] = await Promise.all([
    listSiteDetails(db, scope.municipalityId, scope.siteIds),
    loadReportContext(db, scope),
    loadTargets(db, scope),
    listKioskDetails(db, scope.municipalityId, scope.siteIds),
    listKioskHealth(db, scope.municipalityId),
  ]);
  const rows = await countsByDate(db, scope, addDays(period.from, -30), period.to);
  const within = (from: string, to: string) =>
    sumCounts(rows.filter((row) => row.key >= from && row.key <= to));
  const periodRows = rows.filter((row) => row.key >= period.from && row.key <= period.to);
  const counts = {
    today: within(period.from, period.to),
    last7: within(addDays(period.from, -7), addDays(period.from, -1)),
    last30: within(addDays(period.from, -30), addDays(period.from, -1)),
  };
  const report = reportOfDays(periodRows, scope, { ...period, site: null }, context);
  const kioskIds = kiosks.map((kiosk) => kiosk.id);
  const [gaps, runs, signals, comments] = await Promise.all([
    findSeqGaps(db, scope.municipalityId, kioskIds),
    findSeqRuns(db, scope.municipalityId, kioskIds),
    spcSignals(
      db,
      scope,
      period.to,
      { ...context, targets, openingHours: sites.map((site) => site.openingHours) },
      digestSignalMinAnswers,
    ),
    listComments(db, scope, period, {
      search: undefined,
      before: undefined,
      limit: commentsShown,
    }),
  ]);
  const reasons = report.questions.improve_reasons;
  return {
    period,
    siteNames: sites.map((site) => site.name),
    k: context.k,
    responses: report.responses,
    figures: todayFigures(counts, context.k, targets).figures,
    signals,
    kiosks: kioskHealthRows(kiosks, sites, health, gaps, runs, now)
      .filter((row) => row.revokedAt === null && (row.silent || row.missing > 0))
      .map((row) => ({
        name: row.name,
        siteName: row.siteName,
        silent: row.silent,
        missing: row.missing,
      })),
    reasons: reasons.suppressed
      ? []
      : Object.entries(reasons.counts)
          .flatMap(([code, count]) =>
            count ? [{ code, count, percent: reasons.percent[code] ?? null }] : [],
          )
          .sort((a, b) => b.count - a.count)
          .slice(0, reasonsShown),
    comments: comments.map((comment) => ({ date: comment.date, text: comment.text })),
  };
}
