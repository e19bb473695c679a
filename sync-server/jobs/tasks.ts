import {
  type JobHelpers,
  type ParsedCronItem,
  parseCronItems,
  parseCrontab,
  type TaskList,
} from "graphile-worker";
import { z } from "zod";
import { checkAlerts } from "../alerts/check-alerts.ts";
import { renderAlert } from "../alerts/render-alert.ts";
import {
  type BackupSchedule,
  backupMatcher,
  runScheduledBackup,
  serverTimeZone,
} from "../backup/backup-schedule.ts";
import { digestKey, duePeriod, periodOf } from "../digest/digest-period.ts";
import { readerTimeZone, sendDigest } from "../digest/send-digest.ts";
import { forgetStaleLoginFailures } from "../login-throttle.ts";
import { deliverOnce } from "../notify/deliver-once.ts";
import { postWebhook } from "../notify/webhook-channel.ts";
import { findEpisode } from "../queries/alert-episodes.ts";
import { listSiteDetails } from "../queries/dashboard-lists.ts";
import { findDigestReaders, listSubscriptions } from "../queries/digest-subscriptions.ts";
import { wasDelivered } from "../queries/notification-deliveries.ts";
import { deleteExpiredHits } from "../queries/rate-limit-hits.ts";
import { runRetention } from "../retention/run-retention.ts";
import { type JobContext, jobNames, sendAttempts } from "./job-context.ts";

/** The instant a job is about: its payload's `at` (tests, the CLI), its cron tick, or now. */
const timing = z.object({
  at: z.iso.datetime({ offset: true }).optional(),
  _cron: z.object({ ts: z.string() }).optional(),
});
function instantOf(payload: unknown): Date {
  const parsed = timing.safeParse(payload);
  const text = parsed.success ? (parsed.data.at ?? parsed.data._cron?.ts) : undefined;
  return text ? new Date(text) : new Date();
}

const digestJob = z.object({
  municipalityId: z.uuid(),
  userId: z.uuid(),
  frequency: z.enum(["daily", "weekly"]),
  date: z.iso.date(),
  at: z.iso.datetime({ offset: true }),
});
const alertJob = z.object({
  municipalityId: z.uuid(),
  episodeId: z.uuid(),
  event: z.enum(["opened", "cleared"]),
  channel: z.enum(["email", "webhook"]),
  recipient: z.string().min(1),
  language: z.enum(["da", "en"]),
});

/** Every subscription whose period is due and not yet sent gets one send job (keyed). */
async function planDigests(ctx: JobContext, payload: unknown, helpers: JobHelpers) {
  if (!ctx.mail) return;
  const now = instantOf(payload);
  for (const sub of await listSubscriptions(ctx.pool, null)) {
    const zone = await readerTimeZone(ctx, sub);
    const period = duePeriod(sub.frequency, now, zone, ctx.digestHour);
    if (!period) continue;
    const key = digestKey(sub.userId, period);
    if (await wasDelivered(ctx.pool, sub.municipalityId, key)) continue;
    await helpers.addJob(
      jobNames.sendDigest,
      {
        municipalityId: sub.municipalityId,
        userId: sub.userId,
        frequency: sub.frequency,
        date: period.from,
        at: now.toISOString(),
      },
      // A second planner (another server, a retry) enqueues the same key: still one job.
      { jobKey: key, jobKeyMode: "preserve_run_at", maxAttempts: sendAttempts },
    );
  }
}

async function sendDigestJob(ctx: JobContext, payload: unknown) {
  const job = digestJob.parse(payload);
  const [reader] = await findDigestReaders(ctx.pool, job);
  if (!reader) return; // The user was disabled or deleted since: nothing to send.
  const period = periodOf(job.frequency, job.date);
  const outcome = await sendDigest(
    ctx,
    reader,
    period,
    digestKey(job.userId, period),
    new Date(job.at),
  );
  ctx.logger.info({ user: reader.email, period, outcome }, "digest");
}

/** Checks the alert rules; each episode opened or cleared gets one send job per recipient. */
async function checkAlertsJob(ctx: JobContext, payload: unknown, helpers: JobHelpers) {
  for (const change of await checkAlerts(ctx.pool, instantOf(payload))) {
    const recipients = [
      ...(ctx.mail
        ? change.rule.emails.map((email) => ({ channel: "email", recipient: email }))
        : []),
      ...(ctx.webhookSecret && change.rule.webhookUrl
        ? [{ channel: "webhook", recipient: change.rule.webhookUrl }]
        : []),
    ];
    for (const { channel, recipient } of recipients) {
      await helpers.addJob(
        jobNames.sendAlert,
        {
          municipalityId: change.municipalityId,
          episodeId: change.episodeId,
          event: change.event,
          channel,
          recipient,
          language: change.rule.language,
        },
        {
          jobKey: `alert:${change.episodeId}:${change.event}:${recipient}`,
          maxAttempts: sendAttempts,
        },
      );
    }
  }
}

async function sendAlertJob(ctx: JobContext, payload: unknown) {
  const job = alertJob.parse(payload);
  const episode = await findEpisode(ctx.pool, job.municipalityId, job.episodeId);
  if (!episode) return; // Its rule was deleted since.
  const [site] = await listSiteDetails(ctx.pool, job.municipalityId, [episode.siteId]);
  const message = renderAlert(episode, job.event, {
    siteName: site?.name ?? "",
    timeZone: site?.timezone ?? "Europe/Copenhagen",
    language: job.language,
    publicUrl: ctx.publicUrl,
  });
  const key = `alert:${job.episodeId}:${job.event}:${job.recipient}`;
  const { mail, webhookSecret } = ctx;
  const send =
    job.channel === "email"
      ? mail &&
        (() =>
          mail.send({
            to: job.recipient,
            subject: message.subject,
            html: message.html,
            text: message.text,
            messageId: `<${key.replace(/[^A-Za-z0-9.-]/g, ".")}@borgerpuls>`,
            language: job.language,
          }))
      : webhookSecret && (() => postWebhook(job.recipient, webhookSecret, message.webhook, key));
  if (!send) return;
  await deliverOnce(
    ctx.pool,
    { municipalityId: job.municipalityId, key, channel: job.channel, recipient: job.recipient },
    send,
  );
}

/** The day's backup (BACKUP_DIR); the run itself makes sure a day gets at most one. */
async function backupJob(ctx: JobContext, backup: BackupSchedule, payload: unknown) {
  const outcome = await runScheduledBackup(ctx.pool, backup, instantOf(payload));
  ctx.logger.info(
    { outcome },
    "written" in outcome ? "scheduled backup written" : "scheduled backup skipped",
  );
}

/** The queue's tasks; each receives the payload graphile-worker stored with its job. */
export function taskList(ctx: JobContext): TaskList {
  const { backup } = ctx;
  return {
    // Only servers with BACKUP_DIR take backup jobs (a worker takes only tasks it knows).
    ...(backup && {
      [jobNames.backup]: (payload: unknown) => backupJob(ctx, backup, payload),
    }),
    [jobNames.planDigests]: (payload, helpers) => planDigests(ctx, payload, helpers),
    [jobNames.sendDigest]: (payload) => sendDigestJob(ctx, payload),
    [jobNames.checkAlerts]: (payload, helpers) => checkAlertsJob(ctx, payload, helpers),
    [jobNames.sendAlert]: (payload) => sendAlertJob(ctx, payload),
    [jobNames.retention]: async () => {
      const outcome = await runRetention(ctx.pool, { logger: ctx.logger });
      ctx.logger.debug({ outcome }, "retention job done");
    },
    [jobNames.cleanLimits]: async () => {
      const now = new Date();
      const [hits, accounts] = await Promise.all([
        deleteExpiredHits(ctx.pool, now),
        forgetStaleLoginFailures(ctx.pool, now),
      ]);
      ctx.logger.debug({ hits, accounts }, "stale log-in limits deleted");
    },
  };
}

/**
 * When each recurring job is enqueued. graphile-worker's cron records the last tick of each
 * identifier in the database, so with several servers each tick is enqueued once; after a
 * restart a missed planner tick within the hour is back-filled.
 */
const crontab = [
  `0 * * * * ${jobNames.planDigests} ?fill=1h&max=3`,
  `*/5 * * * * ${jobNames.checkAlerts} ?max=3`,
  `15 3 * * * ${jobNames.retention} ?fill=1d&max=1`,
  // Log-in limits' rows are short-lived (15 min windows): a quarter-hourly sweep keeps them few.
  `*/15 * * * * ${jobNames.cleanLimits} ?max=1`,
].join("\n");

/** The crontab, plus the daily backup where BACKUP_DIR is set (its time is local: see matcher). */
export function cronItems(ctx: Pick<JobContext, "backup">): ParsedCronItem[] {
  const items = parseCrontab(crontab);
  if (!ctx.backup) return items;
  return items.concat(
    parseCronItems([
      {
        task: jobNames.backup,
        identifier: jobNames.backup,
        match: backupMatcher(ctx.backup.at, serverTimeZone()),
        // A server down at BACKUP_AT writes the missed backup when it starts (within a day).
        options: { backfillPeriod: 86_400_000, maxAttempts: 3, jobKey: jobNames.backup },
      },
    ]),
  );
}
