/** The wire shapes of the API the dashboard reads (docs/reports-api.md), the server's own types where it has them. */
import { type HeadlineCode, headlineCodes } from "../../../shared/headlines.ts";
import type { OpeningHours, Weekday } from "../../../shared/opening-hours.ts";
import type {
  CompareRow,
  Count,
  Headline,
  HeatmapCell,
  Interval,
  QuestionFigures,
  TodayFigure,
  TrendPoint as TrendDay,
} from "../../../shared/report-contract.ts";
import type { Role } from "../../../shared/roles.ts";
import type { SiteKioskSettings as SiteSettings } from "../../admin/site-settings.ts";
// The server's own response types (type-only imports: nothing of the server is bundled).
import type { Comment } from "../../queries/comments.ts";
import type { KioskHealthRow as KioskHealth } from "../../reports/kiosk-health.ts";

/** A count the disclosure rule may have hidden (null). */
export type CountValue = Count;

export type {
  Comment,
  CompareRow,
  Headline,
  HeatmapCell,
  Interval,
  KioskHealth,
  OpeningHours,
  QuestionFigures,
  Role,
  TodayFigure,
  TrendDay,
  Weekday,
};
export { type HeadlineCode, headlineCodes };
export type Headlines = Record<HeadlineCode, Headline>;

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
export type Today = {
  date: string;
  timezone: string;
  responses: { today: number; last7: number; last30: number };
  figures: Record<HeadlineCode, TodayFigure>;
};

export type Trend = { from: string; to: string; days: TrendDay[] };

export type Heatmap = {
  from: string;
  to: string;
  cells: HeatmapCell[];
  outsideOpeningHours: number;
};

export type Comparison = { from: string; to: string; by: "site" | "kiosk"; rows: CompareRow[] };

export type CommentPage = { comments: Comment[]; next: string | null };

export type Report = {
  from: string;
  to: string;
  responses: number;
  questions: Record<string, QuestionFigures>;
};

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
  token: string;
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
