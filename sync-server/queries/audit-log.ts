import { newId } from "../../shared/ids.ts";
import type { Queryable } from "../db.ts";

export type AuditActorKind = "user" | "token" | "cli" | "kiosk" | "system" | "anonymous";

export type AuditEntry = {
  municipalityId: string;
  actorKind: AuditActorKind;
  actorId?: string | null;
  actorLabel?: string | null;
  /** Dotted verb such as `login.succeeded` or `export.responses` (checked by the table). */
  action: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
};

export type AuditRow = {
  id: string;
  at: Date;
  actorKind: AuditActorKind;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
};

/** Appends entries in one statement (the table refuses updates: it is append-only). */
export async function insertAuditEntries(
  db: Queryable,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `insert into audit_log
       (municipality_id, id, actor_kind, actor_id, actor_label, action, target_id, details, ip)
     select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                          $7::text[], $8::jsonb[], $9::text[])`,
    [
      entries.map((entry) => entry.municipalityId),
      entries.map(() => newId()),
      entries.map((entry) => entry.actorKind),
      entries.map((entry) => entry.actorId ?? null),
      entries.map((entry) => entry.actorLabel?.slice(0, 320) ?? null),
      entries.map((entry) => entry.action),
      entries.map((entry) => entry.targetId?.slice(0, 200) ?? null),
      entries.map((entry) => JSON.stringify(entry.details ?? {})),
      entries.map((entry) => entry.ip?.slice(0, 64) ?? null),
    ],
  );
}

/** One municipality's entries, newest first, optionally of one action prefix (`export.`). */
export async function listAuditEntries(
  db: Queryable,
  filter: { municipalityId: string; actionPrefix?: string; before?: Date; limit: number },
): Promise<AuditRow[]> {
  const result = await db.query<AuditRow>(
    `select id, at, actor_kind as "actorKind", actor_id as "actorId", actor_label as "actorLabel",
            action, target_id as "targetId", details, ip
     from audit_log
     where municipality_id = $1
       and ($2::text is null or starts_with(action, $2))
       and ($3::timestamptz is null or at < $3)
     order by at desc, id desc
     limit $4`,
    [filter.municipalityId, filter.actionPrefix ?? null, filter.before ?? null, filter.limit],
  );
  return result.rows;
}

/** Retention: removes one municipality's entries older than the cut-off; returns how many. */
export async function deleteAuditEntriesBefore(
  db: Queryable,
  municipalityId: string,
  before: Date,
): Promise<number> {
  const result = await db.query("delete from audit_log where municipality_id = $1 and at < $2", [
    municipalityId,
    before,
  ]);
  return result.rowCount ?? 0;
}

/** Retention: every municipality's entries older than its retention_audit_days, per municipality. */
export async function deleteExpiredAuditEntries(
  db: Queryable,
  now: Date,
): Promise<Map<string, number>> {
  const result = await db.query<{ municipalityId: string; n: number }>(
    `with removed as (
       delete from audit_log a
       using municipalities m
       where a.municipality_id = m.id and a.at < $1::timestamptz - make_interval(days => m.retention_audit_days)
       returning a.municipality_id
     )
     select municipality_id as "municipalityId", count(*)::int as n from removed group by 1`,
    [now],
  );
  return new Map(result.rows.map((row) => [row.municipalityId, row.n]));
}
