import type { AlertKindCode } from "../../shared/notifications-contract.ts";
import type { Queryable } from "../db.ts";
import type { NotificationLanguage } from "./digest-subscriptions.ts";

/** The kinds are the contract's (shared/notifications-contract.ts); the table CHECKs the same. */
export type AlertKind = AlertKindCode;

export type AlertRule = {
  municipalityId: string;
  id: string;
  siteId: string;
  kind: AlertKind;
  enabled: boolean;
  /** kiosk_silent/outbox_stale: {hours}; spc_signal: {minAnswers}. */
  params: Record<string, number>;
  emails: string[];
  webhookUrl: string | null;
  language: NotificationLanguage;
};

const columns = `municipality_id as "municipalityId", id, site_id as "siteId", kind, enabled,
                 params, emails, webhook_url as "webhookUrl", language`;

/** One municipality's rules (null: every municipality's enabled rules, for the checker). */
export async function listAlertRules(
  db: Queryable,
  municipalityId: string | null,
): Promise<AlertRule[]> {
  const result = await db.query<AlertRule>(
    `select ${columns} from alert_rules
     where ($1::uuid is null and enabled) or municipality_id = $1
     order by municipality_id, site_id, kind`,
    [municipalityId],
  );
  return result.rows;
}

/** Sets the site's rule of that kind (one per site and kind); returns its id. */
export async function upsertAlertRule(db: Queryable, rule: AlertRule): Promise<string> {
  const result = await db.query<{ id: string }>(
    `insert into alert_rules (municipality_id, id, site_id, kind, enabled, params, emails,
                              webhook_url, language)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (municipality_id, site_id, kind) do update set
       enabled = excluded.enabled, params = excluded.params, emails = excluded.emails,
       webhook_url = excluded.webhook_url, language = excluded.language
     returning id`,
    [
      rule.municipalityId,
      rule.id,
      rule.siteId,
      rule.kind,
      rule.enabled,
      rule.params,
      rule.emails,
      rule.webhookUrl,
      rule.language,
    ],
  );
  return result.rows[0]?.id ?? rule.id;
}

export async function deleteAlertRule(
  db: Queryable,
  municipalityId: string,
  id: string,
): Promise<boolean> {
  const result = await db.query("delete from alert_rules where municipality_id = $1 and id = $2", [
    municipalityId,
    id,
  ]);
  return (result.rowCount ?? 0) > 0;
}
