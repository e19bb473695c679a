import type { ReactNode } from "react";

/**
 * The box a wide table scrolls in on a narrow screen. It is focusable and named (a region), so
 * a keyboard user can scroll it with the arrow keys (axe: scrollable-region-focusable, WCAG
 * 2.1.1) and a screen reader says what it holds; the page itself never scrolls sideways.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
