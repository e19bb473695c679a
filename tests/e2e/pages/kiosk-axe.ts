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

export function axeViolations(driver: KioskDriver): Promise<string[]> {
  return driver.run<string[]>(
    `${axeSource}
     return window.axe.run(document, { runOnly: { type: "tag", values: arguments[0] } }).then((result) =>
       result.violations.map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => n.target.join(" ")).join(", ") + ")"));`,
    [tags],
  );
}
