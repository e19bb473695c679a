import { type MouseEvent, useState } from "react";
import type { Route } from "../app/router.ts";
import { hrefOf } from "../app/router.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

export type NavItem = { route: Route; label: MessageKey };

/**
 * The main menu. On a wide screen every page is a visible link (the row wraps rather than
 * scrolling out of sight); on a phone a "Menu" button opens the full list, so no page hides
 * behind the screen edge. Links keep the filters (site, kiosk, period, date) in their href.
 */
export function MainNav({
  items,
  current,
  search,
  onNavigate,
}: {
  items: NavItem[];
  current: Route | null;
  search: string;
  onNavigate: (route: Route) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const follow = (event: MouseEvent<HTMLAnchorElement>, next: Route) => {
    // Plain clicks stay in the app; ctrl/cmd-click still opens a new tab.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setOpen(false);
    onNavigate(next);
  };
  const currentItem = items.find((item) => item.route === current);
  return (
    <nav className="mainnav" aria-label={t("navLabel")} data-open={open}>
      <button
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls="mainnav-list"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">☰</span> {t("menu")}
        {currentItem && <span className="menu-current">: {t(currentItem.label)}</span>}
      </button>
      <ul id="mainnav-list">
        {items.map((item) => (
          <li key={item.route}>
            <a
              href={hrefOf(item.route, search)}
              aria-current={item.route === current ? "page" : undefined}
              onClick={(event) => follow(event, item.route)}
            >
              {t(item.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
