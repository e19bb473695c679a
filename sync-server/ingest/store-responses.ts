import type { PoolClient } from "../db.ts";
import { insertResponses, type KioskRef, type ResponseRow } from "../queries/responses.ts";

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
  return insertResponses(client, kiosk, rows);
}
