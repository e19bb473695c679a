import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { deleteExpiredAuditEntries, insertAuditEntries } from "../queries/audit-log.ts";
import { clearExpiredText, removeExpiredResponses } from "../queries/response-retention.ts";

/** Any constant shared by every Borgerpuls server; "Rete". Only one server runs retention. */
const retentionLockKey = 0x52657465;

export type RetentionOutcome =
  | { ran: false }
  | {
      ran: true;
      /** Free texts cleared, per municipality id. */
      textsCleared: Record<string, number>;
      /** Raw responses removed (dropped partitions and deleted rows), per municipality id. */
      responsesRemoved: Record<string, number>;
      /** Audit log entries past their age removed, per municipality id. */
      auditEntriesRemoved: Record<string, number>;
      partitionsDropped: string[];
    };

const asRecord = (counts: ReadonlyMap<string, number>) =>
  Object.fromEntries([...counts].filter(([, n]) => n > 0));

/**
 * Applies every municipality's retention (README "Retention"): clears free text past its
 * days, removes raw responses past its years (whole monthly partitions where every
 * municipality is done with them, row deletes for the rest), and writes one audit entry per
 * municipality it changed. Rollups are kept, so the figures stay. Idempotent: a second run the
 * same day finds nothing. A PostgreSQL advisory lock makes concurrent runs (several servers'
 * daily timers) do it once; the others return { ran: false }.
 */
export async function runRetention(
  pool: Pool,
  options: { now?: Date; actor?: "system" | "cli"; logger?: Logger } = {},
): Promise<RetentionOutcome> {
  const now = options.now ?? new Date();
  const client = await pool.connect();
  let broken = false;
  // A connection lost mid-run must not take the process down with an unhandled 'error'.
  const onError = () => {
    broken = true;
  };
  client.on("error", onError);
  try {
    const lock = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock($1) as locked",
      [retentionLockKey],
    );
    if (!lock.rows[0]?.locked) return { ran: false };
    try {
      const today = now.toISOString().slice(0, 10);
      // Responses first, so the texts counted as cleared are of responses that stay.
      const { partitions, removed } = await removeExpiredResponses(client, now);
      const cleared = await clearExpiredText(client, today);
      // Before this run's own entries are written, so those are never the ones removed.
      const auditRemoved = await deleteExpiredAuditEntries(client, now);
      const municipalities = new Set([
        ...cleared.keys(),
        ...removed.keys(),
        ...auditRemoved.keys(),
      ]);
      await insertAuditEntries(
        client,
        [...municipalities].map((municipalityId) => ({
          municipalityId,
          actorKind: options.actor ?? "system",
          action: "retention.applied",
          details: {
            textsCleared: cleared.get(municipalityId) ?? 0,
            responsesRemoved: removed.get(municipalityId) ?? 0,
            auditEntriesRemoved: auditRemoved.get(municipalityId) ?? 0,
            partitionsDropped: partitions,
          },
        })),
      );
      const outcome = {
        ran: true as const,
        textsCleared: asRecord(cleared),
        responsesRemoved: asRecord(removed),
        auditEntriesRemoved: asRecord(auditRemoved),
        partitionsDropped: partitions,
      };
      if (municipalities.size > 0) options.logger?.info(outcome, "retention applied");
      return outcome;
    } finally {
      await client.query("select pg_advisory_unlock($1)", [retentionLockKey]);
    }
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
