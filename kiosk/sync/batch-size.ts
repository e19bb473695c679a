import { kioskBatchSize } from "../../shared/sync-reply.ts";

/**
 * How many responses the next request carries: small at first and after any failure, doubling
 * with each success up to the full batch (TCP's slow start, for the same reason). When a
 * thousand kiosks come online together after a weekend, each one's first request is refused
 * or admitted on a ~20 KB body instead of a full one: the server answers "busy" before it reads
 * a body, but the bytes cross the wire anyway, and a thousand full batches at once (~200 MB)
 * held every kiosk's request up behind the others' uploads for ~13 s.
 */
export const firstBatchSize = 50;

export type BatchSizing = { current(): number; succeeded(): void; failed(): void };

export function createBatchSizing(largest: number = kioskBatchSize): BatchSizing {
  const most = Math.max(1, Math.min(largest, kioskBatchSize));
  const first = Math.min(firstBatchSize, most);
  let size = first;
  return {
    current: () => size,
    succeeded() {
      size = Math.min(most, size * 2);
    },
    failed() {
      size = first;
    },
  };
}
