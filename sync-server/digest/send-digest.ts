import type { JobContext } from "../jobs/job-context.ts";
import { type DeliveryOutcome, deliverOnce } from "../notify/deliver-once.ts";
import { listSiteDetails } from "../queries/dashboard-lists.ts";
import type { DigestReader } from "../queries/digest-subscriptions.ts";
import { buildDigest } from "./build-digest.ts";
import type { DigestPeriod } from "./digest-period.ts";
import { renderDigest } from "./render-digest.ts";

/** The zone a reader's dates are in: their first site's (a municipality's sites share one). */
export async function readerTimeZone(
  ctx: Pick<JobContext, "pool">,
  reader: Pick<DigestReader, "municipalityId" | "siteIds">,
): Promise<string> {
  const sites = await listSiteDetails(ctx.pool, reader.municipalityId, reader.siteIds);
  return sites[0]?.timezone ?? "Europe/Copenhagen";
}

/**
 * Builds, renders and sends one reader's digest for a period, at most once per idempotency
 * key. Throws when the mail channel fails (the job retries); "no_channel" when SMTP is off.
 */
export async function sendDigest(
  ctx: JobContext,
  reader: DigestReader,
  period: DigestPeriod,
  key: string,
  now: Date,
): Promise<DeliveryOutcome | "no_channel"> {
  const mail = ctx.mail;
  if (!mail) return "no_channel";
  const data = await buildDigest(ctx.pool, reader, period, now);
  const rendered = renderDigest(data, reader.language, ctx.publicUrl);
  return deliverOnce(
    ctx.pool,
    { municipalityId: reader.municipalityId, key, channel: "email", recipient: reader.email },
    () =>
      mail.send({
        to: reader.email,
        ...rendered,
        messageId: `<${key.replace(/[^A-Za-z0-9.-]/g, ".")}@borgerpuls>`,
        language: reader.language,
      }),
  );
}
