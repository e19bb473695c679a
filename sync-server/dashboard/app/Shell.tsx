import { useCallback, useEffect, useMemo, useRef } from "react";
import type { Session } from "../api/types.ts";
import { MainNav, type NavItem } from "../components/MainNav.tsx";
import { ScopePicker } from "../components/ScopePicker.tsx";
import { useI18n } from "../i18n/index.tsx";
import { AccountPage } from "../pages/AccountPage.tsx";
import { AdminKiosksPage } from "../pages/AdminKiosksPage.tsx";
import { AdminLocalQuestionsPage } from "../pages/AdminLocalQuestionsPage.tsx";
import { AdminSsoPage } from "../pages/AdminSsoPage.tsx";
import { AdminTokensPage } from "../pages/AdminTokensPage.tsx";
import { AuditPage } from "../pages/AuditPage.tsx";
import { CommentsPage } from "../pages/CommentsPage.tsx";
import { ComparePage } from "../pages/ComparePage.tsx";
import { ExportPage } from "../pages/ExportPage.tsx";
import { KiosksPage } from "../pages/KiosksPage.tsx";
import { LocalBreakdownPage } from "../pages/LocalBreakdownPage.tsx";
import { MonthlyReportPage } from "../pages/MonthlyReportPage.tsx";
import { SettingsPage } from "../pages/SettingsPage.tsx";
import { SitesPage } from "../pages/SitesPage.tsx";
import { StudyPage } from "../pages/StudyPage.tsx";
import { TodayPage } from "../pages/TodayPage.tsx";
import { TrendsPage } from "../pages/TrendsPage.tsx";
import { UsersPage } from "../pages/UsersPage.tsx";
import { todayIn } from "./dates.ts";
import { type Filters, parseFilters, searchOf, withChange } from "./filters.ts";
import { type Route, useLocation } from "./router.ts";
import { useLiveVersion } from "./useLiveVersion.ts";

export type PageProps = {
  session: Session;
  site: string | undefined;
  kiosk: string | undefined;
  filters: Filters;
  setFilters: (change: Partial<Filters>) => void;
  /** Today's date in the sites' time zone (the default end of every period). */
  today: string;
  version: number;
  onLoggedOut: () => void;
};

const navItems: (NavItem & { adminOnly?: boolean; sessionOnly?: boolean })[] = [
  { route: "today", label: "nav_today" },
  { route: "trends", label: "nav_trends" },
  { route: "study", label: "nav_study" },
  { route: "compare", label: "nav_compare" },
  { route: "local", label: "nav_local" },
  { route: "comments", label: "nav_comments" },
  { route: "kiosks", label: "nav_kiosks" },
  { route: "export", label: "nav_export" },
  { route: "monthly", label: "nav_monthly" },
  { route: "admin/sites", label: "nav_sites", adminOnly: true },
  { route: "admin/kiosks", label: "nav_adminKiosks", adminOnly: true },
  { route: "admin/users", label: "nav_users", adminOnly: true },
  { route: "admin/tokens", label: "nav_tokens", adminOnly: true },
  { route: "admin/sso", label: "nav_sso", adminOnly: true },
  { route: "admin/audit", label: "nav_audit", adminOnly: true },
  { route: "settings", label: "nav_settings" },
  { route: "admin/local", label: "nav_adminLocal", adminOnly: true },
  { route: "account", label: "nav_account", sessionOnly: true },
];

function Page({ route, props }: { route: Route | null; props: PageProps }) {
  const { t } = useI18n();
  const admin = props.session.role === "admin";
  switch (route) {
    case "today":
      return <TodayPage {...props} />;
    case "trends":
      return <TrendsPage {...props} />;
    case "study":
      return <StudyPage {...props} />;
    case "compare":
      return <ComparePage {...props} />;
    case "local":
      return <LocalBreakdownPage {...props} />;
    case "comments":
      return <CommentsPage {...props} />;
    case "kiosks":
      return <KiosksPage {...props} />;
    case "export":
      return <ExportPage {...props} />;
    case "monthly":
      return <MonthlyReportPage {...props} />;
    case "admin/sites":
      return admin ? <SitesPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/kiosks":
      return admin ? <AdminKiosksPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/users":
      return admin ? <UsersPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/tokens":
      return admin ? <AdminTokensPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/sso":
      return admin ? <AdminSsoPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/audit":
      return admin ? <AuditPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/local":
      return admin ? <AdminLocalQuestionsPage /> : <p role="alert">{t("forbidden")}</p>;
    case "account":
      return <AccountPage onLoggedOut={props.onLoggedOut} />;
    case "settings":
      return <SettingsPage {...props} />;
    default:
      return <h1>{t("notFound")}</h1>;
  }
}

/** Header (who, site and kiosk filter, language, log out), navigation, and the current page. */
export function Shell({ session, onLogOut }: { session: Session; onLogOut: () => void }) {
  const { t, lang, setLang } = useI18n();
  const { location, navigate, setSearch } = useLocation();
  const { route, search } = location;
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback(
    (change: Partial<Filters>) =>
      setSearch(searchOf(withChange(parseFilters(window.location.search), change))),
    [setSearch],
  );
  const { site, kiosk } = filters;
  const version = useLiveVersion(site);
  const today = todayIn(session.sites[0]?.timezone ?? "Europe/Copenhagen");
  // An API token has no account page: no password, no sessions.
  const items = navItems.filter(
    (item) =>
      (!item.adminOnly || session.role === "admin") &&
      (!item.sessionOnly || session.email !== null),
  );
  const current = navItems.find((item) => item.route === route);
  const title = `${current ? t(current.label) : t("notFound")} – ${t("appName")}`;
  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  // Each page has its own title (WCAG 2.4.2); after a client-side navigation, focus moves to the
  // new page's content so a screen reader announces it instead of staying on the menu link.
  useEffect(() => {
    document.title = title;
  }, [title]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each route change only.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <span>
            {t("appName")} <span className="muni">{session.municipality.name}</span>
          </span>
        </div>
        <ScopePicker
          sites={session.sites}
          site={site}
          kiosk={kiosk}
          onChange={(change) => setFilters(change)}
        />
        <div className="who">
          <span className="who-text">
            <span className="visually-hidden">{t("loggedInAs")} </span>
            {session.email ?? "API"} · {t(`role_${session.role}`)}
          </span>
          <button
            type="button"
            className="link-button"
            lang={lang === "da" ? "en" : "da"}
            aria-label={t("languageLabel")}
            onClick={() => setLang(lang === "da" ? "en" : "da")}
          >
            {t("language")}
          </button>
          <button type="button" className="secondary" onClick={onLogOut}>
            {t("logOut")}
          </button>
        </div>
      </header>
      <MainNav items={items} current={route} search={search} onNavigate={navigate} />
      <main id="main" tabIndex={-1} ref={main}>
        <Page
          route={route}
          props={{
            session,
            site,
            kiosk,
            filters,
            setFilters,
            today,
            version,
            onLoggedOut: onLogOut,
          }}
        />
      </main>
    </>
  );
}
