import fs from "node:fs";
import type { Page } from "playwright-core";

/** The "Eksport" page: filters by label, a download with its progress recorded as it happens. */
export class DashboardExportPage {
  constructor(readonly page: Page) {}

  async choose(label: string, option: string): Promise<void> {
    // A select's accessible name includes its current option ("Format Excel (dansk)").
    await this.page
      .getByRole("combobox", { name: new RegExp(`^${label}\\b`) })
      .selectOption({ label: option });
  }

  async setRange(from: string, to: string): Promise<void> {
    await this.page.getByLabel("Fra", { exact: true }).fill(from);
    await this.page.getByLabel("Til", { exact: true }).fill(to);
  }

  /** Starts recording every progress text shown, so a fast download still proves it showed one. */
  async recordProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector(".export-progress [role=status]")?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  }

  /** Clicks a download button, waits for "Gem filen", saves the file; returns name and bytes. */
  async download(button: string): Promise<{ fileName: string; bytes: Buffer }> {
    await this.page.getByRole("button", { name: button }).click();
    const save = this.page.getByRole("link", { name: /Gem filen/ });
    await save.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([this.page.waitForEvent("download"), save.click()]);
    const file = await download.path();
    return { fileName: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }
}
