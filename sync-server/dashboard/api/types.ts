/**
 * The wire shapes of the API the dashboard reads (docs/reports-api.md). The report replies come
 * from the shared contract (shared/report-contract.ts), the one declaration the server's
 * handlers also return; the dashboard imports nothing from the server.
 */
import { type HeadlineCode, headlineCodes } from "../../../shared/headlines.ts";
import type { SiteKioskSettings as SiteSettings } from "../../../shared/kiosk-settings.ts";
import type { OpeningHours, Weekday } from "../../../shared/opening-hours.ts";
import type {
  ChangeTest,
  CompareReply,
  CompareRow,
  Count,
  Disclosure,
  Grouping,
  GuidanceFigures,
  Headline,
  Headlines,
  HeatmapCell,
  HeatmapReply,
  Interval,
  QuestionFigures,
  ReportReply,
  SpcChart,
  SpcPoint,
  StudyFigure,
  StudyReply,
  Target,
  TargetsReply,
  TodayFigure,
  TodayReply,
  TrendPoint,
  TrendReply,
  YearEarlierReply,
} from "../../../shared/report-contract.ts";
import type { Role } from "../../../shared/roles.ts";

export type {
  ChangeTest,
  CompareRow,
  Count,
  Disclosure,
  Grouping,
  GuidanceFigures,
  Headline,
  Headlines,
  HeatmapCell,
  Interval,
  OpeningHours,
  QuestionFigures,
  Role,
  SpcChart,
  SpcPoint,
  StudyFigure,
  Target,
  TargetsReply,
  TodayFigure,
  TrendPoint,
  Weekday,
};
export { type HeadlineCode, headlineCodes };

export type Today = TodayReply;
export type Trend = TrendReply;
export type Heatmap = HeatmapReply;
export type Comparison = CompareReply;
export type Report = ReportReply;
export type Study = StudyReply;
export type YearEarlier = YearEarlierReply;

/**
 * Not report figures, so not in the report contract: the comments and kiosk-health rows as
 * docs/reports-api.md lists them. tests/unit/dashboard-contract.test.ts fails the typecheck
 * when the server's own types drift from these.
 */
export type Comment = {
  id: string;
  date: string;
  siteId: string;
  kioskId: string;
  text: string;
  reasons: string[];
};
export type KioskHealth = {
  kioskId: string;
  name: string;
  siteId: string;
  siteName: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  appVersion: string | null;
  clockOffsetMs: number | null;
  highestSeq: number;
  storedCount: number;
  missing: number;
  /** run 1 is the kiosk's first count from 1; each restart (wiped or replaced) begins another. */
  gaps: { run: number; firstMissing: number; lastMissing: number }[];
  seqRestarts: number;
  seqRestartedAt: string | null;
  silent: boolean;
};

export type SiteRef = { id: string; name: string; timezone: string };

export type Session = {
  email: string | null;
  role: Role;
  municipality: { id: string; name: string };
  allSites: boolean;
  sites: SiteRef[];
  csrfToken: string | null;
};

export type Change = "up" | "down" | null;

export type CommentPage = { comments: Comment[]; next: string | null };

export type AdminSite = {
  id: string;
  name: string;
  timezone: string;
  openingHours: OpeningHours;
  createdAt: string;
};
export type AdminKiosk = {
  id: string;
  siteId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
};
export type NewKiosk = {
  kioskId: string;
  siteId: string;
  /** One-time code in the link; the kiosk trades it for its token (POST /api/v1/enrol). */
  enrolCode: string;
  enrolExpiresAt: string;
  enrollPath: string;
  enrollUrl: string;
  enrollQrSvg: string;
};
export type AdminUser = {
  id: string;
  email: string;
  role: Role;
  siteIds: string[];
  disabled: boolean;
  createdAt: string;
};
export type NewUser = { userId: string; email: string; role: Role; password: string };

/** The filters every figure page shares: a date range and an optional site or kiosk. */
export type Scope = { site?: string | undefined; kiosk?: string | undefined };
export type Range = { from: string; to: string };

/** GET/PATCH /api/v1/admin/sites/:id/kiosk-settings. */
export type SiteKioskSettings = SiteSettings;
export type RecoveryCode = { kioskId: string; n: number; code: string };
