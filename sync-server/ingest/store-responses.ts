import type { PoolClient } from "../db.ts";
import { insertResponses, type KioskRef, type ResponseRow } from "../queries/responses.ts";
import { addToRollups } from "../queries/rollups.ts";

/**
 * Everything that must happen in the same transaction when responses arrive, for sync and for
 * the demo alike: the rows, and (with the reports) the rollups they feed. Returns the ids
 * actually inserted (ids already stored are skipped).
 */
export async function storeResponses(
  client: PoolClient,
  kiosk: KioskRef,
  rows: readonly ResponseRow[],
): Promise<string[]> {
  const inserted = await insertResponses(client, kiosk, rows);
  // Only rows actually inserted are counted: a resent batch must not count twice.
  await addToRollups(client, kiosk.municipalityId, inserted);
  return inserted;
}
