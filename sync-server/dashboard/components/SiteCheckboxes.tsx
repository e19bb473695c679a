import type { Dispatch, SetStateAction } from "react";
import { useI18n } from "../i18n/index.tsx";

/** The sites a grant covers, one checkbox each; none ticked means every site. */
export function SiteCheckboxes({
  sites,
  siteIds,
  setSiteIds,
}: {
  sites: readonly { id: string; name: string }[];
  siteIds: readonly string[];
  setSiteIds: Dispatch<SetStateAction<string[]>>;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="plain">
      <legend>
        {t("sites")} <span className="muted small">({t("noneMeansAll")})</span>
      </legend>
      {sites.map((s) => (
        <label key={s.id} className="inline">
          <input
            type="checkbox"
            checked={siteIds.includes(s.id)}
            onChange={(e) =>
              setSiteIds((ids) =>
                e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id),
              )
            }
          />
          {s.name}
        </label>
      ))}
    </fieldset>
  );
}
