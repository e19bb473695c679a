/**
 * The wire shapes of the API the dashboard reads (docs/reports-api.md). The report and
 * dashboard replies come from the shared contract (shared/report-contract.ts), the one
 * declaration the server's handlers also return; the dashboard imports nothing from the server
 * outside sync-server/dashboard (tests/unit/dashboard-contract.test.ts checks every import).
 */
import { type HeadlineCode, headlineCodes } from "../../../shared/headlines.ts";
import type { SiteKioskSettings as SiteSettings } from "../../../shared/kiosk-settings.ts";
import type { OpeningHours, Weekday } from "../../../shared/opening-hours.ts";
import type {
  ChangeTest,
  Comment,
  CommentPage,
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
  KioskHealth,
  KiosksReply,
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
  Comment,
  CommentPage,
  CompareRow,
  Count,
  Disclosure,
  Grouping,
  GuidanceFigures,
  Headline,
  Headlines,
  HeatmapCell,
  Interval,
  KioskHealth,
  KiosksReply,
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
