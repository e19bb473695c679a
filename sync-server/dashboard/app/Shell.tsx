import { type MouseEvent, useEffect, useRef, useState } from "react";
import type { Session } from "../api/types.ts";
import { ScopePicker } from "../components/ScopePicker.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { AccountPage } from "../pages/AccountPage.tsx";
import { AdminKiosksPage } from "../pages/AdminKiosksPage.tsx";
import { AdminTokensPage } from "../pages/AdminTokensPage.tsx";
import { AuditPage } from "../pages/AuditPage.tsx";
import { CommentsPage } from "../pages/CommentsPage.tsx";
import { ComparePage } from "../pages/ComparePage.tsx";
import { ExportPage } from "../pages/ExportPage.tsx";
import { KiosksPage } from "../pages/KiosksPage.tsx";
import { SitesPage } from "../pages/SitesPage.tsx";
import { TodayPage } from "../pages/TodayPage.tsx";
import { TrendsPage } from "../pages/TrendsPage.tsx";
import { UsersPage } from "../pages/UsersPage.tsx";
import { hrefOf, type Route, useRoute } from "./router.ts";
import { useLiveVersion } from "./useLiveVersion.ts";

export type PageProps = {
  session: Session;
  site: string | undefined;
  version: number;
  onLoggedOut: () => void;
};

const navItems: { route: Route; label: MessageKey; adminOnly?: boolean; sessionOnly?: boolean }[] =
  [
    { route: "today", label: "nav_today" },
    { route: "trends", label: "nav_trends" },
    { route: "compare", label: "nav_compare" },
    { route: "comments", label: "nav_comments" },
    { route: "kiosks", label: "nav_kiosks" },
    { route: "export", label: "nav_export" },
    { route: "admin/sites", label: "nav_sites", adminOnly: true },
    { route: "admin/kiosks", label: "nav_adminKiosks", adminOnly: true },
    { route: "admin/users", label: "nav_users", adminOnly: true },
    { route: "admin/tokens", label: "nav_tokens", adminOnly: true },
    { route: "admin/audit", label: "nav_audit", adminOnly: true },
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
    case "compare":
      return <ComparePage {...props} />;
    case "comments":
      return <CommentsPage {...props} />;
    case "kiosks":
      return <KiosksPage {...props} />;
    case "export":
      return <ExportPage {...props} />;
    case "admin/sites":
      return admin ? <SitesPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/kiosks":
      return admin ? <AdminKiosksPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/users":
      return admin ? <UsersPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/tokens":
      return admin ? <AdminTokensPage /> : <p role="alert">{t("forbidden")}</p>;
    case "admin/audit":
      return admin ? <AuditPage /> : <p role="alert">{t("forbidden")}</p>;
    case "account":
      return <AccountPage onLoggedOut={props.onLoggedOut} />;
    default:
      return <h1>{t("notFound")}</h1>;
  }
}

/** Header (who, site filter, language, log out), navigation, and the current page. */
export function Shell({ session, onLogOut }: { session: Session; onLogOut: () => void }) {
  const { t, lang, setLang } = useI18n();
  const [route, navigate] = useRoute();
  const [site, setSite] = useState<string | undefined>(undefined);
  const version = useLiveVersion(site);
  const follow = (event: MouseEvent<HTMLAnchorElement>, next: Route) => {
    // Plain clicks stay in the app; ctrl/cmd-click still opens a new tab.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(next);
  };
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
        <ScopePicker sites={session.sites} site={site} onChange={setSite} />
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
      <nav className="mainnav" aria-label={t("navLabel")}>
        <ul>
          {items.map((item) => (
            <li key={item.route}>
              <a
                href={hrefOf(item.route)}
                aria-current={item.route === route ? "page" : undefined}
                onClick={(event) => follow(event, item.route)}
              >
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} ref={main}>
        <Page route={route} props={{ session, site, version, onLoggedOut: onLogOut }} />
      </main>
    </>
  );
}
