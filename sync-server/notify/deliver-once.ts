import { inTransaction, type Pool } from "../db.ts";
import {
  type DeliveryChannel,
  recordDelivery,
  wasDelivered,
} from "../queries/notification-deliveries.ts";

export type DeliveryOutcome = "sent" | "already_sent";

/**
 * Sends at most once per idempotency key: a key recorded already is not sent again (a retried
 * job, a second planner, a second server); a failed send records nothing and throws, so the
 * job queue retries it with back-off. A transaction-level advisory lock on the key makes two
 * attempts at once (two servers) take turns, so the second finds the first one's record. Only a
 * crash between the SMTP server's "accepted" and the commit could repeat a message, and it then
 * carries the same Message-ID / Idempotency-Key for the receiver to drop.
 */
export async function deliverOnce(
  pool: Pool,
  delivery: {
    municipalityId: string;
    key: string;
    channel: DeliveryChannel;
    recipient: string;
  },
  send: () => Promise<void>,
): Promise<DeliveryOutcome> {
  return inTransaction(pool, async (client) => {
    await client.query("select pg_advisory_xact_lock(hashtext($1))", [
      `${delivery.municipalityId}:${delivery.key}`,
    ]);
    if (await wasDelivered(client, delivery.municipalityId, delivery.key)) return "already_sent";
    await send();
    await recordDelivery(client, delivery);
    return "sent";
  });
}
