import { fetchKioskHealth } from "../api/dashboard.ts";
import type { KioskHealth } from "../api/types.ts";
import { formatDateTime, formatOffset } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

function StatusBadge({ kiosk }: { kiosk: KioskHealth }) {
  const { t } = useI18n();
  if (kiosk.revokedAt) return <span className="badge revoked">{t("revoked")}</span>;
  if (kiosk.silent) return <span className="badge silent">{t("silent")}</span>;
  return <span className="badge ok">{t("ok")}</span>;
}

function gapText(gap: KioskHealth["gaps"][number]): string {
  return gap.firstMissing === gap.lastMissing
    ? `${gap.firstMissing}`
    : `${gap.firstMissing}–${gap.lastMissing}`;
}

/**
 * A wiped or replaced kiosk counts from 1 again: that is said in words (not only implied by
 * odd numbers), and its gaps are listed per run so an old gap does not vanish behind new seqs.
 */
function SeqGaps({ kiosk }: { kiosk: KioskHealth }) {
  const { t, lang } = useI18n();
  const restarted = kiosk.seqRestarts > 0;
  const gaps =
    kiosk.gaps.length === 0
      ? t("none")
      : `${kiosk.gaps
          .map((gap) => (restarted ? `${t("seqRun")} ${gap.run}: ${gapText(gap)}` : gapText(gap)))
          .join(", ")} (${kiosk.missing} ${t("missingCount")})`;
  return (
    <>
      {gaps}
      {restarted && (
        <div className="seq-restart" data-testid="seq-restart">
          <strong>{t("seqRestarted")}</strong>
          {kiosk.seqRestarts > 1 ? ` ×${kiosk.seqRestarts}` : ""}{" "}
          {formatDateTime(kiosk.seqRestartedAt, lang)} ({t("seqRestartedHint")})
        </div>
      )}
    </>
  );
}

/** Each kiosk's last sync, app version, clock offset and seq gaps; silent kiosks in red. */
export function KiosksPage({ site, version }: PageProps) {
  const { t, lang } = useI18n();
  const health = useResource(() => fetchKioskHealth({ site }), `${site}`, version);
  return (
    <>
      <h1>{t("kiosksTitle")}</h1>
      <p className="muted">{t("kiosksIntro")}</p>
      <Status resource={health} />
      {health.data && (
        <ScrollTable label={t("kiosksTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("kiosk")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("lastSync")}</th>
                <th scope="col">{t("appVersion")}</th>
                <th scope="col" className="numeric">
                  {t("clockOffset")}
                </th>
                <th scope="col">{t("seqGaps")}</th>
              </tr>
            </thead>
            <tbody>
              {health.data.kiosks.map((kiosk) => (
                <tr
                  key={kiosk.kioskId}
                  className={kiosk.silent ? "silent" : undefined}
                  data-kiosk={kiosk.kioskId}
                >
                  <th scope="row">
                    {kiosk.name}
                    <div className="muted small">{kiosk.siteName}</div>
                  </th>
                  <td>
                    <StatusBadge kiosk={kiosk} />
                  </td>
                  <td>{formatDateTime(kiosk.lastSyncAt, lang) ?? t("never")}</td>
                  <td>{kiosk.appVersion ?? "–"}</td>
                  <td className="numeric">{formatOffset(kiosk.clockOffsetMs, lang)}</td>
                  <td>
                    <SeqGaps kiosk={kiosk} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
