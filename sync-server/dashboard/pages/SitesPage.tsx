import { useState } from "react";
import { addSite, listSites, updateSite } from "../api/admin.ts";
import type { OpeningHours } from "../api/types.ts";
import { useResource } from "../app/useResource.ts";
import { KioskSettingsForm } from "../components/KioskSettingsForm.tsx";
import { SiteForm } from "../components/SiteForm.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

const weekdaysOnly: OpeningHours = {
  mon: [["10:00", "15:00"]],
  tue: [["10:00", "15:00"]],
  wed: [["10:00", "15:00"]],
  thu: [["10:00", "17:30"]],
  fri: [["10:00", "13:00"]],
  sat: [],
  sun: [],
};

/** Admin: the municipality's sites, each editable; and a form to add one. */
export function SitesPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const sites = useResource(listSites, "sites", version);
  const reload = () => setVersion((v) => v + 1);
  return (
    <>
      <h1>{t("sitesTitle")}</h1>
      <Status resource={sites} />
      {sites.data?.sites.map((site) => (
        <section key={site.id} className="card" aria-label={site.name}>
          <h2>{site.name}</h2>
          <SiteForm
            initial={site}
            submitLabel={t("save")}
            onSubmit={async (draft) => {
              await updateSite(site.id, draft);
              reload();
            }}
          />
          <KioskSettingsForm siteId={site.id} />
        </section>
      ))}
      <section className="card" aria-labelledby="add-site-h">
        <h2 id="add-site-h">{t("addSite")}</h2>
        <SiteForm
          key={version}
          initial={{ name: "", timezone: "Europe/Copenhagen", openingHours: weekdaysOnly }}
          submitLabel={t("add")}
          onSubmit={async (draft) => {
            await addSite(draft);
            reload();
          }}
        />
      </section>
    </>
  );
}
