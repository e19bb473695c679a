/** The wire shapes of the API the dashboard reads (docs/reports-api.md). Types only. */
import type { CountValue, Headline, Interval } from "../../../shared/figures.ts";
import type { OpeningHours, Weekday } from "../../../shared/opening-hours.ts";
import type { Role } from "../../../shared/roles.ts";

export type { CountValue, Headline, Interval, OpeningHours, Role, Weekday };

export const headlineCodes = [
  "got_help",
  "guided_well",
  "seen_heard",
  "nothing_to_improve",
] as const;
export type HeadlineCode = (typeof headlineCodes)[number];
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

export type TodayFigure = {
  today: Headline;
  last7: Headline;
  last30: Headline;
  change7: Change;
  change30: Change;
};

export type Today = {
  date: string;
  timezone: string;
  responses: { today: number; last7: number; last30: number };
  figures: Record<HeadlineCode, TodayFigure>;
};

export type TrendDay = { date: string; responses: CountValue } & Headlines;
export type Trend = { from: string; to: string; days: TrendDay[] };

export type HeatmapCell = { weekday: Weekday; hour: number; responses: CountValue } & Headlines;
export type Heatmap = {
  from: string;
  to: string;
  cells: HeatmapCell[];
  outsideOpeningHours: CountValue;
};

export type CompareRow = {
  id: string;
  name: string;
  siteId: string;
  responses: CountValue;
} & Headlines;
export type Comparison = { from: string; to: string; by: "site" | "kiosk"; rows: CompareRow[] };

export type Comment = {
  id: string;
  date: string;
  siteId: string;
  kioskId: string;
  text: string;
  reasons: string[];
};
export type CommentPage = { comments: Comment[]; next: string | null };

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
  gaps: { firstMissing: number; lastMissing: number }[];
  silent: boolean;
};

export type QuestionFigures = {
  n: CountValue;
  counts: Record<string, CountValue>;
  percent: Record<string, number | null>;
  ci95: Record<string, Interval | null>;
};

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
