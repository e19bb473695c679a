import { AppError } from "../../shared/errors.ts";
import type { Queryable } from "../db.ts";
import { findKioskInMunicipality } from "../queries/kiosks.ts";
import { findSiteInMunicipality } from "../queries/sites.ts";
import type { Viewer } from "./viewer-auth.ts";

/** What a request may read: the viewer's sites narrowed by its site/kiosk filters. */
export type Scope = {
  municipalityId: string;
  /** null: every site of the municipality. */
  siteIds: string[] | null;
  kioskId: string | null;
  /** The one site asked for, by name (for file names and titles). */
  siteName: string | null;
};

/**
 * Checks a site/kiosk filter against the viewer: another municipality's site or kiosk is
 * unknown (404); one of their own municipality outside their sites is forbidden (403).
 */
export async function resolveScope(
  db: Queryable,
  viewer: Viewer,
  filter: { site?: string | undefined; kiosk?: string | undefined },
): Promise<Scope> {
  const allowed = (siteId: string) => viewer.siteIds === null || viewer.siteIds.includes(siteId);
  let siteName: string | null = null;
  let kioskSiteId: string | null = null;
  if (filter.site) {
    const site = await findSiteInMunicipality(db, viewer.municipalityId, filter.site);
    if (!site) throw new AppError("unknown_site", `No site has the id ${filter.site}.`);
    if (!allowed(site.id))
      throw new AppError("forbidden", `You do not have access to the site ${site.name}.`);
    siteName = site.name;
  }
  if (filter.kiosk) {
    const kiosk = await findKioskInMunicipality(db, viewer.municipalityId, filter.kiosk);
    if (!kiosk) throw new AppError("unknown_kiosk", `No kiosk has the id ${filter.kiosk}.`);
    if (!allowed(kiosk.siteId))
      throw new AppError("forbidden", "You do not have access to that kiosk's site.");
    if (filter.site && kiosk.siteId !== filter.site) {
      throw new AppError("invalid_request", "That kiosk does not belong to that site.");
    }
    kioskSiteId = kiosk.siteId;
  }
  return {
    municipalityId: viewer.municipalityId,
    // A kiosk narrows the scope to its site too: its opening hours, zone and targets apply.
    siteIds: filter.site ? [filter.site] : kioskSiteId ? [kioskSiteId] : viewer.siteIds,
    kioskId: filter.kiosk ?? null,
    siteName,
  };
}
