/**
 * The dashboard's non-figure replies (docs/reports-api.md): the citizens' comments and the
 * kiosks' health. Part of the report contract (re-exported by shared/report-contract.ts): the
 * server's handlers return these and the dashboard reads them, so neither side re-declares them.
 */

/** One «could be better» comment with its reasons (GET /api/v1/dashboard/comments). */
export type Comment = {
  id: string;
  date: string;
  siteId: string;
  kioskId: string;
  text: string;
  reasons: string[];
};
/** A page of comments, newest first; `next` is the cursor for the older page (null: the last). */
export type CommentPage = { comments: Comment[]; next: string | null };

/** One kiosk's sync health (GET /api/v1/dashboard/kiosks). */
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
  /** Numbers missing below the highest seq of each run, summed over the runs. */
  missing: number;
  /** run 1 is the kiosk's first count from 1; each restart (wiped or replaced) begins another. */
  gaps: { run: number; firstMissing: number; lastMissing: number }[];
  /** How many times the kiosk's seq started again from 1 (0: never). */
  seqRestarts: number;
  /** When the latest run began, by the kiosk's clock; null when it never restarted. */
  seqRestartedAt: string | null;
  /** Shown red: silent for a whole opening day (revoked kiosks never are). */
  silent: boolean;
};
export type KiosksReply = { kiosks: KioskHealth[] };

/** GET /api/v1/dashboard/changes: when the scope's figures last changed. */
export type ChangesReply = { changedAt: string | null };
