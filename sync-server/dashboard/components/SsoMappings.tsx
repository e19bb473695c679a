import { type FormEvent, useState } from "react";
import { isRole, type Role } from "../../../shared/roles.ts";
import type { SsoRoleMappingView } from "../../../shared/sso-contract.ts";
import type { AdminSite } from "../api/types.ts";
import { useI18n } from "../i18n/index.tsx";
import { ScrollTable } from "./ScrollTable.tsx";
import { SiteCheckboxes } from "./SiteCheckboxes.tsx";

/** The group → role and sites rules: the list with a remove button each, and a form for one more. */
export function SsoMappings({
  mappings,
  sites,
  onAdd,
  onRemove,
}: {
  mappings: SsoRoleMappingView[];
  sites: AdminSite[];
  onAdd: (mapping: { group: string; role: Role; siteIds: string[] }) => Promise<boolean>;
  onRemove: (mapping: SsoRoleMappingView) => void;
}) {
  const { t } = useI18n();
  const [group, setGroup] = useState("");
  const [role, setRole] = useState<Role>("chief");
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const siteNames = (ids: string[]) =>
    ids.length === 0
      ? t("allSites")
      : ids.map((id) => sites.find((s) => s.id === id)?.name ?? id).join(", ");
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd({ group: group.trim(), role, siteIds: role === "admin" ? [] : siteIds })) {
      setGroup("");
      setSiteIds([]);
    }
  };

  return (
    <section className="card" aria-labelledby="sso-mappings-h">
      <h2 id="sso-mappings-h">{t("ssoMappings")}</h2>
      <p className="muted">{t("ssoMappingsIntro")}</p>
      {mappings.length === 0 ? (
        <p>{t("ssoNoMappings")}</p>
      ) : (
        <ScrollTable label={t("ssoMappings")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("ssoGroup")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("sites")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((mapping) => (
                <tr key={mapping.id}>
                  <th scope="row">
                    <code>{mapping.group}</code>
                  </th>
                  <td>{t(`role_${mapping.role}`)}</td>
                  <td>{mapping.role === "admin" ? t("allSites") : siteNames(mapping.siteIds)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => onRemove(mapping)}>
                      {t("ssoRemoveMapping")}
                      <span className="visually-hidden"> {mapping.group}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <form className="form-grid" onSubmit={add}>
        <label>
          {t("ssoGroup")}
          <input
            value={group}
            required
            maxLength={500}
            onChange={(e) => setGroup(e.target.value)}
          />
        </label>
        <label>
          {t("role")}
          <select value={role} onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}>
            <option value="chief">{t("role_chief")}</option>
            <option value="analyst">{t("role_analyst")}</option>
            <option value="admin">{t("role_admin")}</option>
          </select>
        </label>
        {role !== "admin" && (
          <SiteCheckboxes sites={sites} siteIds={siteIds} setSiteIds={setSiteIds} />
        )}
        <div>
          <button type="submit">{t("ssoAddMapping")}</button>
        </div>
      </form>
    </section>
  );
}
