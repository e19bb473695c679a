import type { AlertEpisodeView } from "../../../shared/notifications-contract.ts";
import type { SiteRef } from "../api/types.ts";
import { formatDateTime } from "../app/format.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

const headlineKeys: Record<string, MessageKey> = {
  got_help: "h_got_help",
  guided_well: "h_guided_well",
  seen_heard: "h_seen_heard",
  nothing_to_improve: "h_nothing_to_improve",
};

/** Alert episodes, open ones first: what, where, since when, and when it cleared. */
export function AlertList({
  alerts,
  sites,
}: {
  alerts: readonly AlertEpisodeView[];
  sites: readonly SiteRef[];
}) {
  const { t, lang } = useI18n();
  if (alerts.length === 0) return <p className="muted">{t("alertsNone")}</p>;
  return (
    <ul className="alert-list">
      {alerts.map((alert) => {
        const site = sites.find((candidate) => candidate.id === alert.siteId)?.name ?? "";
        const headline = headlineKeys[alert.subject];
        const subject = alert.kiosk ?? (headline ? t(headline) : alert.subject);
        return (
          <li key={alert.id} data-open={alert.clearedAt === null} className="alert-item">
            <strong>{alert.clearedAt === null ? t("alertOpen") : t("alertCleared")}:</strong>{" "}
            {t(`alertKind_${alert.kind}`)} – {site} · {subject}
            <span className="muted small">
              {" "}
              ({t("alertSince")} {formatDateTime(alert.openedAt, lang)}
              {alert.clearedAt &&
                `, ${t("alertClearedAt")} ${formatDateTime(alert.clearedAt, lang)}`}
              )
            </span>
          </li>
        );
      })}
    </ul>
  );
}
