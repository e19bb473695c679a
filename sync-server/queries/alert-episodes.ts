import type { Queryable } from "../db.ts";
import type { AlertKind } from "./alert-rules.ts";

export type AlertEpisode = {
  municipalityId: string;
  id: string;
  ruleId: string;
  siteId: string;
  kind: AlertKind;
  subject: string;
  openedAt: Date;
  clearedAt: Date | null;
  details: Record<string, unknown>;
};

const columns = `e.municipality_id as "municipalityId", e.id, e.rule_id as "ruleId",
                 r.site_id as "siteId", r.kind, e.subject, e.opened_at as "openedAt",
                 e.cleared_at as "clearedAt", e.details`;

/** The episodes still open, of every rule given. */
export async function listOpenEpisodes(
  db: Queryable,
  ruleIds: readonly string[],
): Promise<AlertEpisode[]> {
  const result = await db.query<AlertEpisode>(
    `select ${columns} from alert_episodes e
     join alert_rules r on r.municipality_id = e.municipality_id and r.id = e.rule_id
     where e.rule_id = any ($1::uuid[]) and e.cleared_at is null`,
    [ruleIds],
  );
  return result.rows;
}

/**
 * Opens episodes in one statement; the partial unique index keeps one open per rule and
 * subject, so a second checker racing this one opens nothing. Returns those it opened.
 */
export async function openEpisodes(
  db: Queryable,
  rows: readonly {
    municipalityId: string;
    id: string;
    ruleId: string;
    subject: string;
    details: Record<string, unknown>;
  }[],
  at: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await db.query<{ id: string }>(
    `insert into alert_episodes (municipality_id, id, rule_id, subject, opened_at, details)
     select m, i, r, s, $6, d
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[]) as t(m, i, r, s, d)
     on conflict (municipality_id, rule_id, subject) where cleared_at is null do nothing
     returning id`,
    [
      rows.map((row) => row.municipalityId),
      rows.map((row) => row.id),
      rows.map((row) => row.ruleId),
      rows.map((row) => row.subject),
      rows.map((row) => JSON.stringify(row.details)),
      at,
    ],
  );
  return result.rows.map((row) => row.id);
}

/** Clears open episodes; returns the ids it cleared (not those another checker cleared first). */
export async function clearEpisodes(
  db: Queryable,
  ids: readonly string[],
  at: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const result = await db.query<{ id: string }>(
    `update alert_episodes set cleared_at = greatest($2, opened_at)
     where id = any ($1::uuid[]) and cleared_at is null returning id`,
    [ids, at],
  );
  return result.rows.map((row) => row.id);
}

/** One episode with its rule (the send job reads it). */
export async function findEpisode(
  db: Queryable,
  municipalityId: string,
  id: string,
): Promise<AlertEpisode | undefined> {
  const result = await db.query<AlertEpisode>(
    `select ${columns} from alert_episodes e
     join alert_rules r on r.municipality_id = e.municipality_id and r.id = e.rule_id
     where e.municipality_id = $1 and e.id = $2`,
    [municipalityId, id],
  );
  return result.rows[0];
}

/** Open episodes and those cleared in the last days, newest first (the dashboard's list). */
export async function listRecentEpisodes(
  db: Queryable,
  municipalityId: string,
  siteIds: readonly string[] | null,
  since: Date,
): Promise<AlertEpisode[]> {
  const result = await db.query<AlertEpisode>(
    `select ${columns} from alert_episodes e
     join alert_rules r on r.municipality_id = e.municipality_id and r.id = e.rule_id
     where e.municipality_id = $1 and ($2::uuid[] is null or r.site_id = any ($2::uuid[]))
       and (e.cleared_at is null or e.cleared_at >= $3)
     order by e.cleared_at is null desc, e.opened_at desc
     limit 200`,
    [municipalityId, siteIds, since],
  );
  return result.rows;
}
