import type { PoolClient } from "../db.ts";
import {
  type IfStored,
  insertResponsesWithRollups,
  type KioskRef,
  type Receipt,
  type ResponseRow,
} from "../queries/responses.ts";

/**
 * Everything that must happen when responses arrive, for sync and for the demo alike: the rows
 * and the report rollups they feed, in one statement (so in the caller's transaction, together).
 * Returns the ids actually inserted (ids already stored are skipped).
 */
export async function storeResponses(
  client: PoolClient,
  kiosk: KioskRef,
  receipt: Receipt,
  rows: readonly ResponseRow[],
  ifStored: IfStored = "skip",
): Promise<string[]> {
  // Only rows actually inserted are counted: a resent batch must not count twice.
  return insertResponsesWithRollups(client, kiosk, receipt, rows, ifStored);
}
