import { useCallback, useEffect, useState } from "react";

/**
 * A tiny history router: the dashboard lives under /dashboard/ and the server answers deep
 * links with index.html, so real paths work for bookmarks and the back button. The query
 * string (the filters, app/filters.ts) travels along from page to page.
 */
export const basePath = "/dashboard/";

export const routes = [
  "today",
  "trends",
  "study",
  "compare",
  "local",
  "comments",
  "kiosks",
  "export",
  "monthly",
  "admin/sites",
  "admin/kiosks",
  "admin/users",
  "admin/tokens",
  "admin/sso",
  "admin/audit",
  "admin/local",
  "account",
  "settings",
] as const;
export type Route = (typeof routes)[number];

const slugs: Record<Route, string> = {
  today: "",
  trends: "udvikling",
  study: "undersoegelsen",
  compare: "sammenligning",
  local: "lokale-spoergsmaal",
  comments: "kommentarer",
  kiosks: "kiosker",
  export: "eksport",
  monthly: "maanedsrapport",
  "admin/sites": "admin/steder",
  "admin/kiosks": "admin/kiosker",
  "admin/users": "admin/brugere",
  "admin/tokens": "admin/api-noegler",
  "admin/sso": "admin/log-in",
  "admin/audit": "admin/revisionslog",
  "admin/local": "admin/lokale-spoergsmaal",
  account: "min-konto",
  settings: "indstillinger",
};

export function hrefOf(route: Route, search = ""): string {
  return `${basePath}${slugs[route]}${search}`;
}

/** The route of a pathname, or null for an unknown path (a "not found" page). */
export function routeOf(pathname: string): Route | null {
  const rest = pathname.startsWith(basePath)
    ? pathname.slice(basePath.length)
    : pathname.replace(/^\/dashboard\/?/, "");
  const slug = rest.replace(/\/+$/, "");
  return routes.find((route) => slugs[route] === slug) ?? null;
}

export type Location = { route: Route | null; search: string };

const here = (): Location => ({
  route: routeOf(window.location.pathname),
  search: window.location.search,
});

/**
 * The current page and query string, and two ways to move: `navigate` to another page (a new
 * history entry, filters kept) and `setSearch` for a filter change (replaces the entry, so Back
 * leaves the page instead of stepping through every click on a filter).
 */
export function useLocation(): {
  location: Location;
  navigate: (route: Route) => void;
  setSearch: (search: string) => void;
} {
  const [location, setLocation] = useState(here);
  useEffect(() => {
    const onPop = () => setLocation(here());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.history.pushState(null, "", hrefOf(next, window.location.search));
    setLocation(here());
    window.scrollTo(0, 0);
  }, []);
  const setSearch = useCallback((search: string) => {
    window.history.replaceState(null, "", `${window.location.pathname}${search}`);
    setLocation(here());
  }, []);
  return { location, navigate, setSearch };
}
