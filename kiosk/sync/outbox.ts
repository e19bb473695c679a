import { Dexie } from "dexie";
import type { ResponsePayload } from "../../shared/response.ts";
import type { SyncReply } from "../../shared/sync-reply.ts";
import type { KioskDatabase, StoredResponse } from "../store/db.ts";

/** The outbox side of sync: what to send next, and what the server's reply changes locally. */

/** The oldest pending responses, in seq order. */
export function nextBatch(db: KioskDatabase, limit: number): Promise<StoredResponse[]> {
  return db.responses
    .where("[syncState+seq]")
    .between(["pending", Dexie.minKey], ["pending", Dexie.maxKey])
    .limit(limit)
    .toArray();
}

/** Exactly the wire fields: local bookkeeping must not leak into the content hash. */
export function toPayload(stored: StoredResponse): ResponsePayload {
  if (stored.status === "in_progress")
    throw new Error(`Response ${stored.id} is still in progress`);
  return {
    id: stored.id,
    seq: stored.seq,
    questionnaire: stored.questionnaire,
    locale: stored.locale,
    status: stored.status,
    startedAt: stored.startedAt,
    finishedAt: stored.finishedAt,
    answers: stored.answers,
    flags: stored.flags,
    // Only when the citizen answered one: a response without them hashes as before.
    ...(stored.local && Object.keys(stored.local).length > 0 ? { local: stored.local } : {}),
  };
}

export type Applied = {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Synced answers put back in the outbox because the server lacks their seq numbers. */
  resend: number;
};

/**
 * In one transaction: ids the server listed as accepted or duplicate become synced; rejected
 * ones move to quarantine with the server's reason. Ids the reply does not mention (or that
 * were not sent) stay as they are, to be sent again.
 */
export async function applyReply(
  db: KioskDatabase,
  sent: readonly StoredResponse[],
  reply: SyncReply,
  now: number,
): Promise<Applied> {
  const byId = new Map(sent.map((response) => [response.id, response]));
  const stored = [...reply.accepted, ...reply.duplicates].filter((id) => byId.has(id));
  const rejected = reply.rejected.filter((rejection) => byId.has(rejection.id));
  let resend = 0;
  await db.transaction("rw", db.responses, db.quarantine, async () => {
    await db.responses.bulkUpdate(
      stored.map((key) => ({ key, changes: { syncState: "synced", syncedAt: now } })),
    );
    await db.quarantine.bulkPut(
      rejected.flatMap((rejection) => {
        const response = byId.get(rejection.id);
        return response
          ? [
              {
                id: rejection.id,
                response,
                code: rejection.code,
                message: rejection.message,
                at: now,
              },
            ]
          : [];
      }),
    );
    await db.responses.bulkUpdate(
      rejected.map((rejection) => ({ key: rejection.id, changes: { syncState: "rejected" } })),
    );
    // The server lost what it had acknowledged (restored from an older backup): the answers
    // this kiosk still keeps go back into the outbox, and the server's seq gaps close.
    for (const range of reply.missingSeqs ?? []) {
      resend += await db.responses
        .where("[syncState+seq]")
        .between(["synced", range.from], ["synced", range.to], true, true)
        .modify({ syncState: "pending" });
    }
  });
  return {
    accepted: reply.accepted.filter((id) => byId.has(id)).length,
    duplicates: reply.duplicates.filter((id) => byId.has(id)).length,
    rejected: rejected.length,
    resend,
  };
}

/** Deletes responses synced before cutoffMs; nothing that is not synced is ever touched. */
export function pruneSynced(db: KioskDatabase, cutoffMs: number): Promise<number> {
  return db.responses
    .where("[syncState+seq]")
    .between(["synced", Dexie.minKey], ["synced", Dexie.maxKey])
    .filter((response) => (response.syncedAt ?? response.updatedAt) < cutoffMs)
    .delete();
}
