import { checkResponse, type DeviceState, type Rejection } from "../../shared/contracts.ts";
import { isUuid } from "../../shared/ids.ts";
import type { Pool, PoolClient } from "../db.ts";
import { recordSync } from "../queries/kiosk-health.ts";
import {
  findStoredResponses,
  type IfStored,
  type KioskRef,
  type Receipt,
  type ResponseRow,
} from "../queries/responses.ts";
import { type FingerprintKeys, fingerprintMatches } from "./fingerprint.ts";
import { type LocalCatalogue, localAnswersRejection, localCatalogueFor } from "./local-answers.ts";
import { toResponseRow } from "./response-row.ts";
import { storeResponses } from "./store-responses.ts";

export type BatchInput = {
  responses: readonly unknown[];
  /** The device's clock when it sent the request. */
  sentAt: string;
  receivedAt: Date;
  appVersion: string | null;
  /** The kiosk's own report on its outbox and storage; undefined from older kiosks. */
  device?: DeviceState | undefined;
};

export type BatchOutcome = { accepted: string[]; duplicates: string[]; rejected: Rejection[] };

/** One id's fate inside a request: ids sent twice collapse to one entry. */
type Entry = { index: number; sentId: string; row?: ResponseRow; rejection?: Rejection };

/**
 * Server minus device time (bigint column, migration 0007). A valid ISO timestamp is within
 * ±8.64e15 ms of 1970, so the difference always fits a JS safe integer and the column; a
 * tablet clock years off is stored as it is, not clamped at ±24.9 days.
 */
/** The device's report in server time: its oldest pending answer moved by the clock offset. */
function deviceObservation(device: DeviceState | undefined, offsetMs: number) {
  if (!device) return undefined;
  const oldest =
    device.oldestPendingAt === null
      ? null
      : new Date(Date.parse(device.oldestPendingAt) + offsetMs);
  return {
    outboxSize: device.outboxSize,
    oldestPendingAt: oldest && Number.isFinite(oldest.getTime()) ? oldest : null,
    storagePersisted: device.storagePersisted,
  };
}

export function clockOffsetMs(sentAt: string, receivedAt: Date): number {
  return Math.round(receivedAt.getTime() - Date.parse(sentAt));
}

/**
 * Checks every item on its own, collapses ids sent twice (same content: one entry; different
 * content: rejected as a conflict, neither stored), so each distinct id lands in exactly one
 * list. Items without a usable id cannot be collapsed and are rejected one by one.
 */
function classify(responses: readonly unknown[], keys: FingerprintKeys, catalogue: LocalCatalogue) {
  const byId = new Map<string, Entry>();
  const unidentified: (Rejection & { index: number })[] = [];
  for (const [index, raw] of responses.entries()) {
    const verdict = checkResponse(raw);
    if (!verdict.ok && !isUuid(verdict.id)) {
      unidentified.push({ index, id: verdict.id, code: verdict.code, message: verdict.message });
      continue;
    }
    const sentId = verdict.ok ? ((raw as { id: string }).id ?? verdict.payload.id) : verdict.id;
    const key = sentId.toLowerCase();
    const local = verdict.ok ? localAnswersRejection(verdict.payload, catalogue) : undefined;
    const entry: Entry = !verdict.ok
      ? { index, sentId, rejection: { id: sentId, code: verdict.code, message: verdict.message } }
      : local
        ? { index, sentId, rejection: { id: sentId, ...local } }
        : { index, sentId, row: toResponseRow(verdict.payload, keys, verdict.times) };
    const earlier = byId.get(key);
    if (!earlier) byId.set(key, entry);
    else if (earlier.rejection) continue;
    else if (entry.rejection)
      byId.set(key, { ...entry, index: earlier.index, sentId: earlier.sentId });
    else if (earlier.row && entry.row && earlier.row.contentDigest !== entry.row.contentDigest) {
      byId.set(key, {
        index: earlier.index,
        sentId: earlier.sentId,
        rejection: {
          id: earlier.sentId,
          code: "conflict",
          message:
            "This id appears twice in the request with different content; neither is stored.",
        },
      });
    }
  }
  return { entries: [...byId.values()], unidentified };
}

async function store(
  client: PoolClient,
  kiosk: KioskRef,
  receipt: Receipt,
  rows: ResponseRow[],
  ifStored: IfStored,
  keys: FingerprintKeys,
): Promise<{ inserted: Set<string>; duplicates: Set<string> }> {
  const inserted = new Set(await storeResponses(client, kiosk, receipt, rows, ifStored));
  const others = rows.filter((row) => !inserted.has(row.id));
  const stored = new Map(
    (
      await findStoredResponses(
        client,
        kiosk.municipalityId,
        others.map((row) => row.id),
      )
    ).map((found) => [found.id, found]),
  );
  const duplicates = new Set<string>();
  for (const row of others) {
    const found = stored.get(row.id);
    // Only this kiosk's own identical row is a retry; another kiosk's id is a conflict.
    if (found?.kioskId === kiosk.kioskId && fingerprintMatches(keys, row.contentDigest, found))
      duplicates.add(row.id);
  }
  return { inserted, duplicates };
}

const errorCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** Deadlocks and serialization failures are safe to retry: the transaction left nothing behind. */
function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  return code === "40P01" || code === "40001";
}

/**
 * Validates and stores one kiosk's sync request: one set-based insert (storeResponses) and the
 * kiosk's health, in one transaction.
 */
export async function ingestBatch(
  pool: Pool,
  kiosk: KioskRef,
  input: BatchInput,
  keys: FingerprintKeys,
): Promise<BatchOutcome> {
  const offset = clockOffsetMs(input.sentAt, input.receivedAt);
  const catalogue = await localCatalogueFor(pool, kiosk, input.responses);
  const { entries, unidentified } = classify(input.responses, keys, catalogue);
  // Sorted ids make concurrent batches lock index entries in the same order: no deadlocks.
  const rows = entries.flatMap((entry) => (entry.row ? [entry.row] : []));
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // First as if every id were new (the common case, and the cheaper statement); when one is
  // already stored, the transaction is rolled back and the batch stored again, skipping them.
  let ifStored: IfStored = "fail";
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("begin");
      const { inserted, duplicates } = await store(
        client,
        kiosk,
        { receivedAt: input.receivedAt, clockOffsetMs: offset },
        rows,
        ifStored,
        keys,
      );
      const outcome: BatchOutcome = { accepted: [], duplicates: [], rejected: [] };
      // Rejections keep the request's order, so a person can match them to what was sent.
      const rejected: (Rejection & { index: number })[] = [...unidentified];
      for (const entry of entries) {
        const id = entry.row?.id;
        if (entry.rejection) rejected.push({ ...entry.rejection, index: entry.index });
        else if (id && inserted.has(id)) outcome.accepted.push(entry.sentId);
        else if (id && duplicates.has(id)) outcome.duplicates.push(entry.sentId);
        else
          rejected.push({
            index: entry.index,
            id: entry.sentId,
            code: "conflict",
            message:
              "A different response with this id is already stored; the stored one stands. Give the new one a new id.",
          });
      }
      outcome.rejected = rejected
        .sort((a, b) => a.index - b.index)
        .map(({ id, code, message }) => ({ id, code, message }));
      const insertedRows = rows.filter((row) => inserted.has(row.id));
      await recordSync(client, kiosk, {
        at: input.receivedAt,
        appVersion: input.appVersion,
        clockOffsetMs: offset,
        device: deviceObservation(input.device, offset),
        highestSeq: insertedRows.reduce((max, row) => Math.max(max, row.seq), 0),
        insertedRows,
        inserted: inserted.size,
        accepted: outcome.accepted.length,
        duplicates: outcome.duplicates.length,
        rejected: outcome.rejected.length,
      });
      await client.query("commit");
      return outcome;
    } catch (error) {
      await client.query("rollback").catch(() => {
        broken = true;
      });
      if (ifStored === "fail" && errorCode(error) === "23505") ifStored = "skip";
      else if (attempt >= 3 || !isTransient(error)) throw error;
    } finally {
      // A connection that cannot even roll back is dropped rather than handed to the next request.
      client.release(broken);
    }
  }
}
