import { useCallback, useEffect, useState } from "react";

/**
 * A tiny history router: the dashboard lives under /dashboard/ and the server answers deep
 * links with index.html, so real paths work for bookmarks and the back button.
 */
export const basePath = "/dashboard/";

export const routes = [
  "today",
  "trends",
  "compare",
  "comments",
  "kiosks",
  "export",
  "admin/sites",
  "admin/kiosks",
  "admin/users",
  "admin/tokens",
  "admin/audit",
  "account",
] as const;
export type Route = (typeof routes)[number];

const slugs: Record<Route, string> = {
  today: "",
  trends: "udvikling",
  compare: "sammenligning",
  comments: "kommentarer",
  kiosks: "kiosker",
  export: "eksport",
  "admin/sites": "admin/steder",
  "admin/kiosks": "admin/kiosker",
  "admin/users": "admin/brugere",
  "admin/tokens": "admin/api-noegler",
  "admin/audit": "admin/revisionslog",
  account: "min-konto",
};

export function hrefOf(route: Route): string {
  return `${basePath}${slugs[route]}`;
}

/** The route of a pathname, or null for an unknown path (a "not found" page). */
export function routeOf(pathname: string): Route | null {
  const rest = pathname.startsWith(basePath)
    ? pathname.slice(basePath.length)
    : pathname.replace(/^\/dashboard\/?/, "");
  const slug = rest.replace(/\/+$/, "");
  return routes.find((route) => slugs[route] === slug) ?? null;
}

export function useRoute(): [Route | null, (route: Route) => void] {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.history.pushState(null, "", hrefOf(next));
    setRoute(next);
    window.scrollTo(0, 0);
  }, []);
  return [route, navigate];
}
