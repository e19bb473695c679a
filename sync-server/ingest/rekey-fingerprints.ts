import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { listUnkeyedResponses, setKeyedFingerprints } from "../queries/response-fingerprints.ts";
import { type FingerprintKeys, keyedFingerprint } from "./fingerprint.ts";

const chunkSize = 5000;

/**
 * Re-keys the fingerprints of rows stored before keys existed (migration 0011): their
 * content_hash, a bare SHA-256 of the response as sent, becomes its HMAC under the current key.
 * Runs at start, in chunks (each its own short statement, so sync is never blocked for long).
 * Until a row is re-keyed its bare digest is still compared as before (fingerprint.ts), so
 * duplicates and conflicts stay right throughout. Idempotent; returns how many rows it keyed.
 */
export async function rekeyFingerprints(
  pool: Pool,
  keys: FingerprintKeys,
  logger?: Logger,
): Promise<number> {
  let after: { municipalityId: string; id: string } | null = null;
  let keyed = 0;
  for (;;) {
    const rows = await listUnkeyedResponses(pool, after, chunkSize);
    const last = rows.at(-1);
    if (!last) break;
    keyed += await setKeyedFingerprints(
      pool,
      keys.current.id,
      rows.map((row) => ({
        municipalityId: row.municipalityId,
        id: row.id,
        fingerprint: keyedFingerprint(keys.current.secret, row.digest),
      })),
    );
    after = last;
    logger?.info({ keyed }, "re-keying stored response fingerprints");
  }
  if (keyed > 0) logger?.info({ keyed }, "stored response fingerprints re-keyed");
  return keyed;
}
