import type {
  AlertRuleChange,
  AlertRulesReply,
  AlertsReply,
  SubscribersReply,
  SubscriptionChange,
  SubscriptionReply,
} from "../../../shared/notifications-contract.ts";
import { getJson, sendJson } from "./http.ts";

/** /api/v1/dashboard/notifications: digests, alert rules and alerts. */
const base = "dashboard/notifications";

export const fetchSubscription = () => getJson<SubscriptionReply>(`${base}/subscription`);
export const putSubscription = (change: SubscriptionChange) =>
  sendJson<SubscriptionReply>("PUT", `${base}/subscription`, change);
export const fetchSubscribers = () => getJson<SubscribersReply>(`${base}/subscribers`);
export const fetchAlertRules = () => getJson<AlertRulesReply>(`${base}/rules`);
export const putAlertRule = (change: AlertRuleChange) =>
  sendJson<AlertRulesReply>("PUT", `${base}/rules`, change);
export const fetchAlerts = () => getJson<AlertsReply>(`${base}/alerts`);
