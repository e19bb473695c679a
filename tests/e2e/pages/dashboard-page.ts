import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const screenshotDir = path.resolve("tests/e2e/__screenshots__");

export type NavLabel =
  | "I dag"
  | "Udvikling"
  | "Sammenligning"
  | "Kommentarer"
  | "Kiosker"
  | "Eksport"
  | "Steder"
  | "Opsæt kiosker"
  | "Brugere"
  | "API-nøgler"
  | "Revisionslog"
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

  async open(label: NavLabel): Promise<void> {
    await this.page.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
    await this.page.getByRole("heading", { level: 1 }).waitFor();
    await this.page
      .locator(".status")
      .first()
      .waitFor({ state: "detached" })
      .catch(() => {});
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
