import { calendarDateProblem } from "../../shared/calendar-date.ts";
import { AppError } from "../../shared/errors.ts";
import type { NotificationConfig } from "../config.ts";
import type { Pool } from "../db.ts";
import { digestKey, periodOf } from "../digest/digest-period.ts";
import { readerTimeZone, sendDigest } from "../digest/send-digest.ts";
import type { Logger } from "../logger.ts";
import { createMailChannel } from "../notify/mail-channel.ts";
import { findDigestReaders, findSubscription } from "../queries/digest-subscriptions.ts";
import { listQueuedJobs } from "../queries/jobs.ts";
import { addDays, localClock } from "../reports/local-time.ts";

/**
 * `digest send --user <email> [--date YYYY-MM-DD]`: that user's digest now, about the date
 * (default yesterday; a weekly subscriber gets that date's week). An operator's explicit send
 * has a key of its own, so it goes even when the scheduled one went already.
 */
export async function sendDigestNow(
  pool: Pool,
  input: { email: string; date: string | undefined },
  settings: NotificationConfig & { defaultPublicUrl: string },
  logger: Logger,
): Promise<Record<string, unknown>> {
  if (input.date !== undefined) {
    const problem = calendarDateProblem(input.date);
    if (problem) throw new AppError("invalid_request", `--date ${problem}.`);
  }
  const readers = await findDigestReaders(pool, { email: input.email });
  if (readers.length === 0)
    throw new AppError("unknown_user", `No enabled user is ${input.email}.`);
  const mail = createMailChannel(settings, logger);
  if (!mail) throw new AppError("mail_channel_off");
  try {
    const sent = [];
    for (const reader of readers) {
      const subscription = await findSubscription(pool, reader.municipalityId, reader.userId);
      const zone = await readerTimeZone({ pool }, reader);
      const date = input.date ?? addDays(localClock(new Date(), zone).date, -1);
      const period = periodOf(subscription?.frequency ?? "daily", date);
      const key = `${digestKey(reader.userId, period)}:manual:${Date.now()}`;
      const outcome = await sendDigest(
        {
          pool,
          logger,
          mail,
          webhookSecret: settings.webhookSecret,
          publicUrl: settings.publicUrl ?? settings.defaultPublicUrl,
          digestHour: settings.digestHour,
        },
        reader,
        period,
        key,
        new Date(),
      );
      sent.push({ municipalityId: reader.municipalityId, ...period, outcome });
    }
    return { email: input.email, sent };
  } finally {
    mail.close();
  }
}

/** `jobs`: the queue's pending and failed jobs. */
export async function showJobs(pool: Pool): Promise<Record<string, unknown>> {
  const jobs = await listQueuedJobs(pool);
  const failed = jobs.filter((job) => job.attempts >= job.maxAttempts);
  return {
    pending: jobs.filter((job) => job.attempts < job.maxAttempts),
    failed,
  };
}
