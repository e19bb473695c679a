import { isoWithOffset } from "../../shared/response.ts";
import { deviceTimeZone } from "../../shared/zone-format.ts";
import type { KioskDatabase } from "../store/db.ts";
import { getMeta, type LastSync, setMeta } from "../store/meta.ts";
import { retryAfterDelayMs, retryDelayMs } from "./backoff.ts";
import { createBatchSizing } from "./batch-size.ts";
import { postBatch } from "./client.ts";
import type { SyncLock } from "./lock.ts";
import { applyReply, deviceState, nextBatch, pruneSynced, toPayload } from "./outbox.ts";
import { keepSyncedLocalQuestions, keepSyncedSettings } from "./settings.ts";

/**
 * The drain loop: sends pending responses oldest first in batches, marks what the server
 * confirmed, quarantines what it rejected, and schedules the next attempt. Everything it
 * touches comes in through options, so tests drive it with fake-indexeddb and a fake fetch.
 */
export type EngineOptions = {
  db: KioskDatabase;
  fetch: typeof fetch;
  lock: SyncLock;
  appVersion: string;
  now?: () => number;
  random?: () => number;
  timeZone?: string;
  batchSize?: number;
  /** Synced responses are kept this long for staff to see, then pruned. */
  retentionMs?: number;
  /** The regular timer after a good sync (a heartbeat even when nothing is pending). */
  intervalMs?: number;
  requestTimeoutMs?: number;
  /** Where the `online` event comes from (window in the browser). */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  /** Called when a reply brought central settings different from the kept ones. */
  onSettings?: () => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
};

export type RunOutcome =
  | {
      kind: "done";
      ok: boolean;
      accepted: number;
      duplicates: number;
      rejected: number;
      /** The server's Retry-After on a failed attempt, when it sent one. */
      retryAfterMs?: number;
    }
  /** Another tab is syncing. */
  | { kind: "busy" };

export type SyncEngine = {
  requestSync(): void;
  /** Runs a drain now (or waits for the one under way, then runs again) and reports it. */
  syncNow(): Promise<RunOutcome>;
  /** The delay the timer was last set to (tests and staff mode read it). */
  nextDelayMs(): number | undefined;
  stop(): void;
};

const dayMs = 24 * 60 * 60 * 1000;

export function createSyncEngine(options: EngineOptions): SyncEngine {
  const { db, lock } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timeZone = options.timeZone ?? deviceTimeZone();
  const sizing = createBatchSizing(options.batchSize);
  const retentionMs = options.retentionMs ?? 30 * dayMs;
  const intervalMs = options.intervalMs ?? 60_000;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  // Per-engine state (never module-level): one engine per page.
  let failures = 0;
  let timer: unknown;
  let delay: number | undefined;
  let current: Promise<RunOutcome> | undefined;
  let again = false;
  let stopped = false;

  async function record(lastSync: LastSync): Promise<void> {
    await setMeta(db, "lastSync", lastSync);
  }

  /** Drains until nothing is pending or a request fails; always sends at least once (heartbeat). */
  async function drain(): Promise<RunOutcome> {
    const totals = { accepted: 0, duplicates: 0, rejected: 0 };
    const enrolment = await getMeta(db, "enrolment");
    if (!enrolment) {
      await record({
        at: new Date(now()).toISOString(),
        ok: false,
        message: "The kiosk is not enrolled.",
        ...totals,
      });
      return { kind: "done", ok: false, ...totals };
    }
    for (;;) {
      // A pending row still marked in progress would be a local bug; it must not block the rest.
      const batchSize = sizing.current();
      const batch = (await nextBatch(db, batchSize)).filter((row) => row.status !== "in_progress");
      const device = await deviceState(db, batch.length, await getMeta(db, "storagePersisted"));
      const result = await postBatch(enrolment, batch.map(toPayload), device, {
        fetch: options.fetch,
        now,
        appVersion: options.appVersion,
        timeoutMs: options.requestTimeoutMs ?? 30_000,
        sentAt: (ms) => isoWithOffset(new Date(ms), timeZone),
      });
      if (!result.ok) {
        sizing.failed();
        await record({
          at: new Date(now()).toISOString(),
          ok: false,
          message: result.message,
          ...totals,
        });
        return {
          kind: "done",
          ok: false,
          ...totals,
          ...(result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs }),
        };
      }
      // Server time at the middle of the round trip, minus the device's: positive when behind.
      const midpoint = (result.sentAtMs + result.repliedAtMs) / 2;
      await setMeta(
        db,
        "clockOffsetMs",
        Math.round(Date.parse(result.reply.serverTime) - midpoint),
      );
      const newSettings = await keepSyncedSettings(db, result.reply.settings);
      const newQuestions = await keepSyncedLocalQuestions(db, result.reply.localQuestions);
      if (newSettings || newQuestions) options.onSettings?.();
      const applied = await applyReply(db, batch, result.reply, now());
      sizing.succeeded();
      totals.accepted += applied.accepted;
      totals.duplicates += applied.duplicates;
      totals.rejected += applied.rejected;
      const progressed =
        applied.accepted + applied.duplicates + applied.rejected + applied.resend > 0;
      const more = batch.length === batchSize || applied.resend > 0;
      if (!more || !progressed || stopped) break;
    }
    await pruneSynced(db, now() - retentionMs);
    await record({ at: new Date(now()).toISOString(), ok: true, message: "", ...totals });
    return { kind: "done", ok: true, ...totals };
  }

  function schedule(ms: number): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    delay = undefined;
    if (stopped) return;
    delay = ms;
    timer = setTimer(() => {
      timer = undefined;
      requestSync();
    }, ms);
  }

  async function runOnce(): Promise<RunOutcome> {
    let outcome: RunOutcome = { kind: "busy" };
    try {
      const ran = await lock.tryRun(async () => {
        outcome = await drain();
      });
      if (!ran) outcome = { kind: "busy" };
    } catch (error) {
      // IndexedDB trouble (quota, a closing database): count it as a failed attempt.
      outcome = { kind: "done", ok: false, accepted: 0, duplicates: 0, rejected: 0 };
      console.error("kiosk sync failed", error);
    }
    if (outcome.kind === "done" && !outcome.ok) failures += 1;
    else if (outcome.kind === "done") failures = 0;
    // Busy: the other tab is draining; look again at the regular interval. ±10 % so that a
    // room of kiosks started together does not stay in step.
    // The server's Retry-After, when it gave one, replaces the guessed backoff.
    const retryAfterMs = outcome.kind === "done" ? outcome.retryAfterMs : undefined;
    schedule(
      failures === 0
        ? Math.round(intervalMs * (0.9 + 0.2 * random()))
        : retryAfterMs !== undefined
          ? retryAfterDelayMs(retryAfterMs, random)
          : retryDelayMs(failures, random),
    );
    return outcome;
  }

  function syncNow(): Promise<RunOutcome> {
    if (current) {
      // A response finished mid-drain may have missed this batch: run once more afterwards.
      again = true;
      return current;
    }
    const run = (async () => {
      let outcome = await runOnce();
      while (again && !stopped) {
        again = false;
        outcome = await runOnce();
      }
      return outcome;
    })();
    current = run.finally(() => {
      current = undefined;
    });
    return current;
  }

  function requestSync(): void {
    if (!stopped) void syncNow();
  }

  options.events?.addEventListener("online", requestSync);
  return {
    requestSync,
    syncNow,
    nextDelayMs: () => delay,
    stop() {
      stopped = true;
      options.events?.removeEventListener("online", requestSync);
      schedule(0);
    },
  };
}
