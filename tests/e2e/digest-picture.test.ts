import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../sync-server/demo/seed.ts";
import { buildDigest } from "../../sync-server/digest/build-digest.ts";
import { periodOf } from "../../sync-server/digest/digest-period.ts";
import { renderDigest } from "../../sync-server/digest/render-digest.ts";
import { findDigestReaders } from "../../sync-server/queries/digest-subscriptions.ts";
import { addDays, localClock } from "../../sync-server/reports/local-time.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { launchChromium } from "./browser.ts";
import { screenshotDir } from "./pages/dashboard-page.ts";

let db: TestDatabase;
let browser: Browser;
let html = { da: "", en: "" };
const docsPicture = path.resolve("docs/digest-sample.png");

beforeAll(async () => {
  db = await createTestDatabase();
  const demo = await seedDemo(db.pool, testFingerprintKeys, { days: 90 });
  const chief = demo.logins.find((login) => login.role === "chief");
  if (!chief) throw new Error("the demo has a chief");
  const [reader] = await findDigestReaders(db.pool, { email: chief.email });
  if (!reader) throw new Error("the demo chief is a user");
  const yesterday = addDays(localClock(new Date(), "Europe/Copenhagen").date, -1);
  const data = await buildDigest(db.pool, reader, periodOf("daily", yesterday), new Date());
  html = {
    da: renderDigest(data, "da", "https://borgerpuls.horsens.dk").html,
    en: renderDigest(data, "en", "https://borgerpuls.horsens.dk").html,
  };
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await db?.drop();
});

describe("the digest mail as a browser shows it", () => {
  for (const viewport of [
    { width: 640, height: 900, name: "desktop" },
    { width: 360, height: 800, name: "phone" },
  ]) {
    it(`reads on a ${viewport.name} without sideways scroll, and axe finds nothing`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      try {
        for (const lang of ["da", "en"] as const) {
          await page.setContent(html[lang]);
          const scroll = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(scroll, lang).toBeLessThanOrEqual(0);
          const axe = await new AxeBuilder({ page }).analyze();
          expect(
            axe.violations.map((v) => v.id),
            lang,
          ).toEqual([]);
        }
        await page.setContent(html.da);
        fs.mkdirSync(screenshotDir, { recursive: true });
        const file = path.join(screenshotDir, `digest-da-${viewport.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        // README's sample picture: refreshed on request, not by every run.
        if (viewport.name === "desktop" && process.env.UPDATE_DOCS_PICTURES === "1")
          fs.copyFileSync(file, docsPicture);
      } finally {
        await context.close();
      }
    });
  }
});
