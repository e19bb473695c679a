import { z } from "zod";

/**
 * /api/v1/dashboard/notifications (docs/reports-api.md): digest subscriptions, alert rules
 * and alert episodes. One contract, imported by the server that checks it and the dashboard.
 */
export const notificationLanguages = ["da", "en"] as const;
export const digestFrequencies = ["daily", "weekly"] as const;
export const alertKindCodes = [
  "kiosk_silent",
  "outbox_stale",
  "storage_not_persistent",
  "spc_signal",
] as const;
export type AlertKindCode = (typeof alertKindCodes)[number];

export const subscriptionChange = z.strictObject({
  /** null: unsubscribe. */
  frequency: z.enum(digestFrequencies).nullable(),
  language: z.enum(notificationLanguages),
});
export type SubscriptionChange = z.infer<typeof subscriptionChange>;
export type SubscriptionReply = {
  subscription: { frequency: (typeof digestFrequencies)[number]; language: string } | null;
};
export type SubscribersReply = {
  subscribers: { email: string; role: string; frequency: string; language: string }[];
};

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((id) => id.toLowerCase());

export const alertRuleChange = z.strictObject({
  siteId: uuid,
  kind: z.enum(alertKindCodes),
  enabled: z.boolean(),
  /** kiosk_silent, outbox_stale: hours (1–72); spc_signal: minAnswers (10–10 000). */
  threshold: z.int().min(1).max(10_000),
  emails: z.array(z.email().max(254)).max(50),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  language: z.enum(notificationLanguages),
});
export type AlertRuleChange = z.infer<typeof alertRuleChange>;

/** Which parameter a kind's threshold sets, its default and its range. */
export const thresholdOf: Record<
  AlertKindCode,
  { param: string; fallback: number; min: number; max: number } | null
> = {
  kiosk_silent: { param: "hours", fallback: 2, min: 1, max: 72 },
  outbox_stale: { param: "hours", fallback: 4, min: 1, max: 72 },
  storage_not_persistent: null,
  spc_signal: { param: "minAnswers", fallback: 30, min: 10, max: 10_000 },
};

export type AlertRuleView = {
  id: string;
  siteId: string;
  kind: AlertKindCode;
  enabled: boolean;
  threshold: number | null;
  emails: string[];
  webhookUrl: string | null;
  language: string;
};
export type AlertRulesReply = { rules: AlertRuleView[] };

export type AlertEpisodeView = {
  id: string;
  siteId: string;
  kind: AlertKindCode;
  subject: string;
  /** The kiosk's name, when the subject is a kiosk. */
  kiosk: string | null;
  openedAt: string;
  clearedAt: string | null;
};
export type AlertsReply = { alerts: AlertEpisodeView[] };
