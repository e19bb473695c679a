import type { PoolClient } from "../db.ts";
import { insertLocalAnswersWithRollups } from "../queries/local-answers.ts";
import {
  type IfStored,
  insertResponsesWithRollups,
  type KioskRef,
  type Receipt,
  type ResponseRow,
} from "../queries/responses.ts";

import { localAnswerRows } from "./local-answers.ts";

/**
 * Everything that must happen when responses arrive, for sync and for the demo alike: the rows
 * and the report rollups they feed, in one statement, then their local answers and the local
 * rollup in a second (both in the caller's transaction, together). Returns the ids actually
 * inserted (ids already stored are skipped).
 */
export async function storeResponses(
  client: PoolClient,
  kiosk: KioskRef,
  receipt: Receipt,
  rows: readonly ResponseRow[],
  ifStored: IfStored = "skip",
): Promise<string[]> {
  // Only rows actually inserted are counted: a resent batch must not count twice.
  const inserted = await insertResponsesWithRollups(client, kiosk, receipt, rows, ifStored);
  await insertLocalAnswersWithRollups(
    client,
    kiosk.municipalityId,
    localAnswerRows(rows, new Set(inserted)),
  );
  return inserted;
}
