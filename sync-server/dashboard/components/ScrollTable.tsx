import type { ReactNode } from "react";

/**
 * The box a wide table scrolls in on a narrow screen. It is focusable and named, so a keyboard
 * user can scroll it with the arrow keys (axe: scrollable-region-focusable, WCAG 2.1.1) and a
 * screen reader says what it holds; the page itself never scrolls sideways. A named group, not
 * a region: a page with many tables should not get a landmark per table.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard.
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls, this holds a table.
    <div className="table-wrap" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
