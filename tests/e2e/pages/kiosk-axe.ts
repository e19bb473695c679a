import fs from "node:fs";
import { createRequire } from "node:module";
import type { KioskDriver } from "./kiosk-driver.ts";

/**
 * axe-core in either browser: its own script run in the page through the driver (the
 * Playwright wrapper only works in Chromium here). Returns one line per violation.
 */
const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export async function axeViolations(driver: KioskDriver): Promise<string[]> {
  // axe (half a megabyte) goes into each document once, not with every run: sent and parsed
  // again per run over WebDriver, it was most of a WebKit walk's time.
  if (!(await driver.run<boolean>("return typeof window.axe?.run === 'function';")))
    await driver.run(`${axeSource}\n return true;`);
  return driver.run<string[]>(
    `return window.axe.run(document, { runOnly: { type: "tag", values: arguments[0] } }).then((result) =>
       result.violations.map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => n.target.join(" ")).join(", ") + ")"));`,
    [tags],
  );
}
