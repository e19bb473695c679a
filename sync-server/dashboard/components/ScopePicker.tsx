import { fetchKioskHealth } from "../api/dashboard.ts";
import type { KioskHealth, SiteRef } from "../api/types.ts";
import { useResource } from "../app/useResource.ts";
import { useI18n } from "../i18n/index.tsx";

const noKiosks: { kiosks: KioskHealth[] } = { kiosks: [] };

/**
 * The site and kiosk filters in the header; a single-site viewer sees just that site's name.
 * Kiosks are offered once the view is down to one site (every kiosk belongs to one site), also
 * revoked ones, whose answers still count in the periods they were used.
 */
export function ScopePicker({
  sites,
  site,
  kiosk,
  onChange,
}: {
  sites: SiteRef[];
  site: string | undefined;
  kiosk: string | undefined;
  onChange: (change: { site?: string | undefined; kiosk?: string | undefined }) => void;
}) {
  const { t } = useI18n();
  const oneSite = sites.length <= 1 ? sites[0]?.id : site;
  const kiosks = useResource(
    () => (oneSite ? fetchKioskHealth({ site }) : Promise.resolve(noKiosks)),
    `${oneSite}`,
    0,
  );
  const choices = (kiosks.data?.kiosks ?? []).filter((k) => k.siteId === oneSite);
  return (
    <div className="scope-picker">
      {sites.length <= 1 ? (
        <span className="scope-single">{sites[0]?.name ?? ""}</span>
      ) : (
        <label>
          <span>{t("site")}</span>
          <select
            value={site ?? ""}
            onChange={(event) => onChange({ site: event.target.value || undefined })}
          >
            <option value="">{t("allSites")}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {oneSite && (
        <label>
          <span>{t("kiosk")}</span>
          <select
            value={kiosk ?? ""}
            onChange={(event) => onChange({ kiosk: event.target.value || undefined })}
          >
            <option value="">{t("allKiosks")}</option>
            {kiosk && !choices.some((k) => k.kioskId === kiosk) && (
              <option value={kiosk}>{t("kiosk")}</option>
            )}
            {choices.map((k) => (
              <option key={k.kioskId} value={k.kioskId}>
                {k.revokedAt ? `${k.name} (${t("revoked").toLowerCase()})` : k.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
