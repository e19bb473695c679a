import type { BackupSchedule } from "../backup/backup-schedule.ts";
import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import type { MailChannel } from "../notify/mail-channel.ts";

/** What every job task needs: the pool, the channels, and where links point. */
export type JobContext = {
  pool: Pool;
  logger: Logger;
  mail: MailChannel | undefined;
  webhookSecret: string | undefined;
  publicUrl: string;
  digestHour: number;
  /** BACKUP_DIR's daily backup; unset: this server neither schedules nor takes backup jobs. */
  backup?: BackupSchedule;
};

/** Job names (graphile-worker task identifiers), each defined in jobs/tasks.ts. */
export const jobNames = {
  planDigests: "plan_digests",
  sendDigest: "send_digest",
  checkAlerts: "check_alerts",
  sendAlert: "send_alert",
  retention: "retention",
  cleanLimits: "clean_limits",
  backup: "backup",
} as const;

/** A failed send is tried again with graphile-worker's back-off (e^attempt s, so ~2 s … 6 h). */
export const sendAttempts = 12;
