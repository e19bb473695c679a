import { createHmac } from "node:crypto";

export const signatureHeader = "X-Borgerpuls-Signature";
export const timestampHeader = "X-Borgerpuls-Timestamp";
export const idempotencyHeader = "Idempotency-Key";

/**
 * HMAC-SHA256 over "<timestamp>.<body>" with WEBHOOK_SECRET, as "sha256=<hex>". The timestamp
 * is signed too, so a receiver can refuse old replays.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * POSTs a JSON body (it has `text`, so Teams and Slack incoming webhooks show it as it is) with
 * its signature. Rejects on a network error or any status but 2xx: the job retries.
 */
export async function postWebhook(
  url: string,
  secret: string,
  payload: Record<string, unknown>,
  idempotencyKey: string,
  now: Date = new Date(),
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      [signatureHeader]: webhookSignature(secret, timestamp, body),
      [timestampHeader]: timestamp,
      [idempotencyHeader]: idempotencyKey,
    },
    body,
    redirect: "error",
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The webhook answered ${response.status}.`);
}
