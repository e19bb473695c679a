import { Dexie, type EntityTable } from "dexie";
import type { ResponsePayload } from "../../shared/response.ts";

/**
 * The kiosk's IndexedDB, declared once. Bump the version and add an upgrade for any change;
 * never edit a released version's stores.
 */

/** Where a response is on its way to the server. */
export type SyncState =
  /** The interview is still going on: not to be sent. */
  | "local"
  /** Finished or abandoned, waiting in the outbox. */
  | "pending"
  /** The server listed it in `accepted` or `duplicates`. */
  | "synced"
  /** The server rejected it; a copy with the reason sits in `quarantine`. */
  | "rejected";

export type StoredResponse = Omit<ResponsePayload, "status"> & {
  status: "in_progress" | ResponsePayload["status"];
  syncState: SyncState;
  /** ms since epoch of the last local change; the sync engine prunes synced rows by it. */
  updatedAt: number;
  syncedAt?: number;
};

export type QuarantinedResponse = {
  id: string;
  response: StoredResponse;
  code: string;
  message: string;
  at: number;
};

/** Small named values: enrolment, the seq counter, staff PIN hash, last sync result … */
export type MetaEntry = { key: string; value: unknown };

export class KioskDatabase extends Dexie {
  // Key: id (UUIDv7 made on the kiosk). seq: per-kiosk counter, never reused.
  // [syncState+seq]: the outbox, drained in seq order.
  responses!: EntityTable<StoredResponse, "id">;
  // Key: id of the rejected response.
  quarantine!: EntityTable<QuarantinedResponse, "id">;
  // Key: key.
  meta!: EntityTable<MetaEntry, "key">;

  constructor(name = "borgerpuls-kiosk") {
    super(name);
    this.version(1).stores({
      responses: "id, &seq, status, [syncState+seq], updatedAt",
      quarantine: "id, at",
      meta: "key",
    });
  }
}
