import type { Queryable } from "../db.ts";

export type DeliveryChannel = "email" | "webhook";

/** Whether a message under this idempotency key has been sent already. */
export async function wasDelivered(
  db: Queryable,
  municipalityId: string,
  key: string,
): Promise<boolean> {
  const result = await db.query(
    "select 1 from notification_deliveries where municipality_id = $1 and idempotency_key = $2",
    [municipalityId, key],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Records a sent message; false when the key was recorded already (by another attempt). */
export async function recordDelivery(
  db: Queryable,
  row: { municipalityId: string; key: string; channel: DeliveryChannel; recipient: string },
): Promise<boolean> {
  const result = await db.query(
    `insert into notification_deliveries (municipality_id, idempotency_key, channel, recipient)
     values ($1, $2, $3, $4) on conflict do nothing`,
    [row.municipalityId, row.key, row.channel, row.recipient],
  );
  return (result.rowCount ?? 0) > 0;
}
