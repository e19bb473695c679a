import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const screenshotDir = path.resolve("tests/e2e/__screenshots__");

export type NavLabel =
  | "I dag"
  | "Udvikling"
  | "Undersøgelsen"
  | "Sammenligning"
  | "Lokale spørgsmål"
  | "Kommentarer"
  | "Kiosker"
  | "Eksport"
  | "Månedsrapport"
  | "Steder"
  | "Opsæt kiosker"
  | "Brugere"
  | "API-nøgler"
  | "Log-in (SSO)"
  | "Revisionslog"
  | "Indstillinger"
  | "Opsæt lokale spørgsmål"
  | "Min konto";

/**
 * The dashboard as a chief or analyst sees it, driven by roles and labels (what a screen reader
 * user would find) plus the data-figure/data-period/data-stat hooks on the "I dag" cards.
 */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async logIn(email: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/dashboard/`);
    await this.page.getByLabel("E-mail").fill(email);
    await this.page.getByLabel("Adgangskode").fill(password);
    await this.page.getByRole("button", { name: "Log ind" }).click();
    await this.page.getByRole("button", { name: "Log ud" }).waitFor();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Log ud" }).click();
    await this.page.getByRole("button", { name: "Log ind" }).waitFor();
  }

  /** Follows a menu link; on a phone the menu is behind its "Menu" button, so open that first. */
  async open(label: NavLabel): Promise<void> {
    const toggle = this.page.getByRole("button", { name: /^Menu/ });
    if (await toggle.isVisible()) {
      if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    }
    await this.page.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
    await this.page.getByRole("heading", { level: 1 }).waitFor();
    await this.page
      .locator(".status")
      .first()
      .waitFor({ state: "detached" })
      .catch(() => {});
  }

  /** Waits until the page has loaded what it shows (no request in flight, no loading notice). */
  async settled(): Promise<void> {
    await this.page.waitForLoadState("networkidle");
    await this.page
      .locator(".status")
      .first()
      .waitFor({ state: "detached" })
      .catch(() => {});
  }

  /** What sticks out past the right edge of the screen (tag.class), for a failing reflow check. */
  async sticksOut(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          const overflowing = getComputedStyle(el).overflowX === "visible";
          const right = overflowing ? box.left + el.scrollWidth : box.right;
          return right > window.innerWidth + 1;
        })
        .filter((el) => !el.parentElement?.closest(".table-wrap"))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 8),
    );
  }

  /** How far the page scrolls sideways (0 = not at all; scrolling tables do not count). */
  async sidewaysScroll(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  /** Texts like "83 %" that the browser broke over two lines (each should be one line box). */
  async wrappedPercentages(): Promise<string[]> {
    return this.page.evaluate(() => {
      const wrapped: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        // Only figures ("83 %", "70–89 %"), not sentences that happen to contain one.
        if (!/^[\d.,\s–-]+\s%$/.test(text.trim())) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) wrapped.push(text.trim());
      }
      return wrapped;
    });
  }

  async switchLanguage(): Promise<void> {
    await this.page.getByRole("button", { name: /Skift sprog|Switch language/ }).click();
  }

  /** The text of a headline card's figure for a period: "83 %" or "–". */
  async figureText(code: string, period: "today" | "last7" | "last30"): Promise<string> {
    const card = this.page.locator(`[data-figure="${code}"]`);
    const cell = card.locator(`[data-period="${period}"] .headline-value`).first();
    return ((await cell.locator(".big, .num").first().textContent()) ?? "").trim();
  }

  async responsesText(stat: "today" | "last7" | "last30"): Promise<string> {
    return (
      (await this.page
        .locator(`[data-stat="${stat}"] .big, [data-stat="${stat}"] .num`)
        .textContent()) ?? ""
    ).trim();
  }

  /** GET an API path with the page's own session cookie: status and JSON body. */
  async api<T>(pathAndQuery: string): Promise<{ status: number; body: T }> {
    return this.page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: "same-origin" });
      return { status: response.status, body: (await response.json()) as T };
    }, pathAndQuery);
  }

  async axeViolations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`,
    );
  }

  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await this.page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  }
}
