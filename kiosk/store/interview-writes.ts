import type { KioskDatabase, StoredResponse } from "./db.ts";

/**
 * The two writes on the citizen's tap-to-next-screen path, in plain IndexedDB on Dexie's own
 * connection (same database, same stores as db.ts declares). Dexie's promise and zone machinery
 * costs a few ms per request on a slow iPad's main thread, several times per tap; here a tap's
 * transaction is its requests and one complete event. Each resolves only once its transaction
 * has committed. Everything else stays on Dexie.
 */

/** The stored row is not the in-progress row this write expected: the write was not made. */
export class NotInProgress extends Error {
  constructor(readonly row: StoredResponse | undefined) {
    super(
      row
        ? `Response ${row.id} is already ${row.status}`
        : "Response is no longer stored on this kiosk",
    );
  }
}

/**
 * Runs `requests` in one readwrite transaction; resolves on commit, rejects on abort. On an open
 * connection the transaction and its requests are made before this returns, in the caller's
 * task: the kiosk sends a tap's write to IndexedDB first and renders the next screen while it
 * commits (useInterview.ts).
 */
function inTransaction<T>(
  db: KioskDatabase,
  stores: string[],
  requests: (tx: IDBTransaction, abort: (error: Error) => void) => () => T,
): Promise<T> {
  if (!db.isOpen()) return db.open().then(() => inTransaction(db, stores, requests));
  const idb = db.backendDB();
  return new Promise<T>((resolve, reject) => {
    const tx = idb.transaction(stores, "readwrite");
    let failure: Error | undefined;
    const abort = (error: Error) => {
      failure = error;
      tx.abort();
    };
    const result = requests(tx, abort);
    tx.oncomplete = () => {
      // A promise left pending would stop the interview's queue, and every tap after it.
      try {
        resolve(result());
      } catch (error) {
        reject(error);
      }
    };
    tx.onabort = () => reject(failure ?? tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

/**
 * Replaces the in-progress row `row.id` with `row`, in one trip: the put goes out with a get
 * whose result aborts the transaction (so the put never lands) unless the stored row is still
 * in progress with the same seq.
 */
export function overwriteInProgress(db: KioskDatabase, row: StoredResponse): Promise<void> {
  return inTransaction(db, ["responses"], (tx, abort) => {
    const responses = tx.objectStore("responses");
    const check = responses.get(row.id) as IDBRequest<StoredResponse | undefined>;
    responses.put(row);
    check.onsuccess = () => {
      const before = check.result;
      if (before?.status !== "in_progress" || before.seq !== row.seq)
        abort(new NotInProgress(before));
    };
    return () => undefined;
  });
}

/**
 * The first write of an interview: reads the next seq and the newest rows' start times (the
 * rows before this one, for the burst rule) together, then stores `makeRow(seq, earlier)` with
 * `add` (an id already stored aborts instead of overwriting) and the next seq.
 */
export function createWithSeq(
  db: KioskDatabase,
  lookback: number,
  makeRow: (seq: number, earlierStartsMs: number[]) => StoredResponse,
): Promise<{ row: StoredResponse; earlierStartsMs: number[] }> {
  return inTransaction(db, ["responses", "meta"], (tx, abort) => {
    const responses = tx.objectStore("responses");
    const meta = tx.objectStore("meta");
    const next = meta.get("nextSeq") as IDBRequest<{ value?: unknown } | undefined>;
    const earlierStartsMs: number[] = [];
    const newest = responses.index("seq").openCursor(null, "prev");
    let created: StoredResponse | undefined;
    const write = () => {
      const value = next.result?.value;
      const seq = typeof value === "number" && value >= 1 ? value : 1;
      try {
        created = makeRow(seq, earlierStartsMs);
      } catch (error) {
        abort(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      meta.put({ key: "nextSeq", value: seq + 1 });
      responses.add(created);
    };
    // Requests complete in order, so the cursor's last step comes after `next` is read.
    newest.onsuccess = () => {
      const cursor = newest.result;
      if (cursor && earlierStartsMs.length < lookback) {
        earlierStartsMs.push(Date.parse((cursor.value as StoredResponse).startedAt));
        cursor.continue();
        return;
      }
      write();
    };
    return () => {
      if (!created) throw new Error("the response was not created");
      return { row: created, earlierStartsMs };
    };
  });
}
