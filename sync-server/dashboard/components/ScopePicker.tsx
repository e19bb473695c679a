import type { SiteRef } from "../api/types.ts";
import { useI18n } from "../i18n/index.tsx";

/** The site filter in the header; a single-site viewer sees just that site's name. */
export function ScopePicker({
  sites,
  site,
  onChange,
}: {
  sites: SiteRef[];
  site: string | undefined;
  onChange: (site: string | undefined) => void;
}) {
  const { t } = useI18n();
  if (sites.length <= 1) return <span className="scope-single">{sites[0]?.name ?? ""}</span>;
  return (
    <label className="scope-picker">
      <span>{t("site")}</span>
      <select value={site ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{t("allSites")}</option>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
