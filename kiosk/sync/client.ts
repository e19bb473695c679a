import type { DeviceState } from "../../shared/contracts.ts";
import type { ResponsePayload } from "../../shared/response.ts";
import {
  kioskVersionHeader,
  parseErrorBody,
  parseSyncReply,
  type SyncReply,
} from "../../shared/sync-reply.ts";
import type { Enrolment } from "../store/meta.ts";
import { parseRetryAfter } from "./backoff.ts";

/** One POST /api/v1/sync (docs/api.md) and what became of it. No storage here. */
export type PostResult =
  | { ok: true; reply: SyncReply; sentAtMs: number; repliedAtMs: number }
  /** retry: nothing is known to have been stored, or it was and the resend will say duplicate. */
  | { ok: false; status: number | null; message: string; retryAfterMs?: number };

export type PostOptions = {
  fetch: typeof fetch;
  now: () => number;
  appVersion: string;
  timeoutMs: number;
  sentAt: (ms: number) => string;
};

export async function postBatch(
  enrolment: Enrolment,
  responses: ResponsePayload[],
  device: DeviceState,
  options: PostOptions,
): Promise<PostResult> {
  const sentAtMs = options.now();
  // A reply that never comes (a proxy that swallowed it) must not hold the outbox forever.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const response = await options.fetch(`${enrolment.serverUrl}/api/v1/sync`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${enrolment.token}`,
        [kioskVersionHeader]: options.appVersion,
      },
      body: JSON.stringify({
        sentAt: options.sentAt(sentAtMs),
        kioskId: enrolment.kioskId,
        responses,
        device,
      }),
      cache: "no-store",
      signal: abort.signal,
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const reply = parseSyncReply(body);
      if (reply) return { ok: true, reply, sentAtMs, repliedAtMs: options.now() };
      return {
        ok: false,
        status: response.status,
        message: "The server's reply was not understood.",
      };
    }
    const error = parseErrorBody(body);
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), options.now());
    return {
      ok: false,
      status: response.status,
      message: error ? error.error.message : `The server answered ${response.status}.`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  } catch (error) {
    const aborted = abort.signal.aborted;
    return {
      ok: false,
      status: null,
      message: aborted
        ? `No reply from ${enrolment.serverUrl} within ${Math.round(options.timeoutMs / 1000)} s.`
        : `No connection to ${enrolment.serverUrl} (${(error as Error).message}).`,
    };
  } finally {
    clearTimeout(timer);
  }
}
