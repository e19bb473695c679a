import { createPool, type Pool, type PoolOptions, type ReadPool } from "./db.ts";
import type { Logger } from "./logger.ts";
import { readReplayState, walBytesBehind } from "./queries/replication.ts";

/** What /metrics shows of the read replica. */
export type ReplicaStatus = {
  configured: boolean;
  /** Reads go to the replica now (it answered the last check and was fresh enough). */
  inUse: boolean;
  /** Seconds behind the primary (0 when it has replayed everything); null when unknown. */
  lagSeconds: number | null;
  /** WAL bytes the primary wrote that the replica has not replayed; null when unknown. */
  lagBytes: number | null;
};

export type ReplicaSettings = {
  url: string;
  maxLagSeconds: number;
  poolSize: number;
  /** How often the lag is measured. */
  checkEveryMs: number;
  timeouts?: PoolOptions["timeouts"];
};

export type ReadRouting = {
  reads: ReadPool;
  status(): ReplicaStatus;
  /** Measures the lag now (the timer does this every checkEveryMs). */
  check(): Promise<ReplicaStatus>;
  close(): Promise<void>;
};

/** No READ_DATABASE_URL: every read goes to the primary. */
export function primaryReads(primary: Pool): ReadRouting {
  const status: ReplicaStatus = {
    configured: false,
    inUse: false,
    lagSeconds: null,
    lagBytes: null,
  };
  return {
    reads: () => primary,
    status: () => status,
    check: async () => status,
    close: async () => {},
  };
}

/**
 * Seconds behind: 0 when the replica has replayed all the WAL the primary has written (an idle
 * primary then costs no false lag), else the age of the last commit it replayed.
 */
export function lagOf(bytesBehind: number, sinceReplaySeconds: number | null): number | null {
  if (bytesBehind <= 0) return 0;
  return sinceReplaySeconds === null ? null : Math.max(0, sinceReplaySeconds);
}

/**
 * Report, dashboard and export reads on a streaming replica (READ_DATABASE_URL). Its lag is
 * measured every checkEveryMs against the primary's WAL position; one that is behind by more
 * than maxLagSeconds, cannot be reached, is no standby (promoted: it no longer follows our
 * writes) or loses a connection is left at once for the primary, and used again once a check
 * finds it fresh.
 */
export function startReadReplica(
  primary: Pool,
  settings: ReplicaSettings,
  logger: Logger,
): ReadRouting {
  let status: ReplicaStatus = { configured: true, inUse: false, lagSeconds: null, lagBytes: null };
  const leave = (reason: string, detail: Record<string, unknown> = {}) => {
    if (status.inUse) logger.warn({ ...detail, reason }, "reads go to the primary: replica left");
    status = { ...status, inUse: false };
  };
  const replica = createPool(settings.url, settings.poolSize, {
    timeouts: settings.timeouts,
    // Every pool and client 'error' lands here (db.ts): a replica going away must not crash
    // the server, and its reads move to the primary before the next check.
    onConnectionError: (error) => leave("connection failed", { err: error.message }),
  });

  async function check(): Promise<ReplicaStatus> {
    try {
      const state = await readReplayState(replica);
      if (!state.inRecovery || state.replayLsn === null) {
        leave("not a standby");
        status = { ...status, lagSeconds: null, lagBytes: null };
        return status;
      }
      const lagBytes = await walBytesBehind(primary, state.replayLsn);
      const lagSeconds = lagOf(lagBytes, state.sinceReplaySeconds);
      const fresh = lagSeconds !== null && lagSeconds <= settings.maxLagSeconds;
      if (!fresh) leave("lagging", { lagSeconds, maxLagSeconds: settings.maxLagSeconds });
      else if (!status.inUse) logger.info({ lagSeconds }, "reads go to the read replica");
      status = { configured: true, inUse: fresh, lagSeconds, lagBytes };
    } catch (error) {
      leave("unreachable", { err: error instanceof Error ? error.message : String(error) });
      status = { ...status, lagSeconds: null, lagBytes: null };
    }
    return status;
  }

  let checking: Promise<unknown> = check();
  const timer = setInterval(() => {
    checking = check();
  }, settings.checkEveryMs);
  timer.unref();

  return {
    reads: () => (status.inUse ? replica : primary),
    status: () => status,
    check: () => {
      const run = check();
      checking = run;
      return run;
    },
    async close() {
      clearInterval(timer);
      await checking;
      await replica.end();
    },
  };
}
