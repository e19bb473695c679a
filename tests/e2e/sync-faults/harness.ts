/**
 * Runs in Chromium: the kiosk's real IndexedDB schema and real sync engine, without the UI
 * (which another issue builds). Interviews are "answered" by writing finished responses into
 * the outbox exactly as the kiosk does (one transaction allocating seq), then asking for a sync.
 */
import { KioskDatabase, type StoredResponse } from "../../../kiosk/store/db.ts";
import { startSync } from "../../../kiosk/sync/index.ts";
import { newId } from "../../../shared/ids.ts";
import { questionnaireVersion } from "../../../shared/questionnaire.ts";
import { isoWithOffset } from "../../../shared/response.ts";

const db = new KioskDatabase();
const sync = startSync(db);

async function answer(count: number): Promise<number> {
  await db.transaction("rw", db.responses, db.meta, async () => {
    const stored = (await db.meta.get("nextSeq"))?.value;
    const first = typeof stored === "number" ? stored : 1;
    await db.meta.put({ key: "nextSeq", value: first + count });
    const now = Date.now();
    const rows = Array.from({ length: count }, (_, i): StoredResponse => {
      const at = new Date(now - (count - i) * 1000);
      return {
        id: newId(at.getTime()),
        seq: first + i,
        questionnaire: questionnaireVersion,
        locale: "da",
        status: i % 7 === 3 ? "abandoned" : "complete",
        startedAt: isoWithOffset(at, "Europe/Copenhagen"),
        finishedAt: isoWithOffset(new Date(at.getTime() + 900), "Europe/Copenhagen"),
        answers:
          i % 7 === 3
            ? { got_help: "no" }
            : {
                got_help: "yes",
                sent_on: "no",
                guidance: "good",
                seen_heard: "yes",
                improve: "nothing",
              },
        flags: [],
        syncState: "pending",
        updatedAt: now,
      };
    });
    await db.responses.bulkAdd(rows);
  });
  sync.requestSync();
  return count;
}

async function enrol(value: unknown): Promise<void> {
  await db.meta.put({ key: "enrolment", value });
  sync.requestSync();
}

async function dump() {
  const rows = await db.responses.toArray();
  return rows.map((row) => ({ id: row.id, seq: row.seq, syncState: row.syncState }));
}

const kiosk = { answer, enrol, dump, requestSync: () => sync.requestSync() };
Object.assign(window, { kiosk, kioskReady: true });
