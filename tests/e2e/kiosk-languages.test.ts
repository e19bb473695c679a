import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { strings } from "../../kiosk/i18n/translations.ts";
import { type Locale, locales, questionText } from "../../shared/questionnaire-i18n.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { applyKioskConfig, KioskPage, testConfig } from "./pages/kiosk-page.ts";

let server: TestServer;
let browser: Browser;

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
});

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

async function openKiosk(config = testConfig, viewport = { width: 1024, height: 768 }) {
  const context = await browser.newContext({ viewport });
  await applyKioskConfig(context, config);
  const page = await context.newPage();
  const kiosk = new KioskPage(page, server.baseUrl);
  await kiosk.goto();
  return { context, kiosk };
}

/** Walks every screen of the longest path, collecting axe violations per screen. */
async function walkEveryScreen(
  kiosk: KioskPage,
  locale: Locale,
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const check = async (screen: string) => {
    const violations = await axeViolations(kiosk.page);
    if (violations.length) found[`${locale}/${screen}`] = violations;
  };
  await kiosk.chooseLanguage(locale);
  await check("start");
  await kiosk.start();
  for (const answer of ["yes", "yes", "yes", "good", "yes", "could_be_better"]) {
    const screen = await kiosk.screen();
    expect(await kiosk.heading()).toBe(questionText(screen as "got_help", locale));
    await check(screen);
    await kiosk.answer(answer);
  }
  await kiosk.toggle("other");
  await check("improve_reasons");
  await kiosk.next();
  await kiosk.type("Tekst");
  await check("improve_text");
  await kiosk.next();
  expect(await kiosk.heading()).toBe(strings[locale].thanksHeading);
  await check("thanks");
  await kiosk.done();
  return found;
}

describe("languages and accessibility (Chromium, axe-core)", () => {
  it("each language renders its own words, resets to Danish, and axe finds nothing on any screen", async () => {
    const { context, kiosk } = await openKiosk();
    const violations: Record<string, string[]> = {};
    for (const locale of locales) {
      Object.assign(violations, await walkEveryScreen(kiosk, locale));
      // The next citizen starts in Danish.
      expect(await kiosk.page.getAttribute("html", "lang")).toBe("da");
      expect(await kiosk.heading()).toBe(strings.da.startHeading);
    }
    expect(violations).toEqual({});
    const stored = (await kiosk.responses()).map((r) => r.locale).sort();
    expect(stored).toEqual([...locales].sort());
    await context.close();
  });

  it("the idle prompt passes axe in every language", async () => {
    const { context, kiosk } = await openKiosk({ ...testConfig, idleMs: 200, promptMs: 600_000 });
    const violations: Record<string, string[]> = {};
    for (const locale of locales) {
      await kiosk.chooseLanguage(locale);
      await kiosk.start();
      await kiosk.page.locator('[role="alertdialog"]').waitFor();
      expect(await kiosk.page.locator('[role="alertdialog"] h2').textContent()).toBe(
        strings[locale].stillThere,
      );
      const found = await axeViolations(kiosk.page);
      if (found.length) violations[locale] = found;
      await kiosk.waitForSettled();
      await kiosk.page.locator('[data-action="continue"]').click();
      await kiosk.page.locator('[role="alertdialog"]').waitFor({ state: "detached" });
      await kiosk.back();
    }
    expect(violations).toEqual({});
    await context.close();
  });

  it("Arabic is laid out right to left", async () => {
    const { context, kiosk } = await openKiosk();
    await kiosk.chooseLanguage("ar");
    expect(await kiosk.page.getAttribute("html", "dir")).toBe("rtl");
    expect(await kiosk.heading()).toBe("كيف كانت زيارتك اليوم؟");
    await kiosk.start();
    const back = await kiosk.page.locator('[data-action="back"]').boundingBox();
    const skip = await kiosk.page.locator('[data-action="skip"]').boundingBox();
    // "Back" sits at the start of the line, which in Arabic is the right.
    expect(back && skip && back.x > skip.x).toBe(true);
    expect(await kiosk.page.locator('[data-answer="yes"]').textContent()).toBe("نعم");
    await kiosk.back();
    expect(await kiosk.page.getAttribute("html", "dir")).toBe("ltr");
    await context.close();
  });

  it("touch targets are at least 64 CSS px high, and nothing scrolls sideways in portrait, landscape or at 200 % zoom", async () => {
    for (const viewport of [
      { width: 1024, height: 768 },
      { width: 768, height: 1024 },
      // An iPad in landscape at 200 % zoom has half the CSS pixels.
      { width: 512, height: 384 },
    ]) {
      const { context, kiosk } = await openKiosk(testConfig, viewport);
      await kiosk.chooseLanguage("uk");
      const screens: string[] = [];
      const measure = async () => {
        const { small, overflow } = await kiosk.page.evaluate(() => ({
          small: [...document.querySelectorAll("button")]
            .filter((b) => b.getBoundingClientRect().height < 64)
            .map((b) => b.textContent),
          overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        }));
        expect(small).toEqual([]);
        if (overflow) screens.push(await kiosk.screen());
      };
      await measure();
      await kiosk.start();
      for (const answer of ["yes", "yes", "yes", "good", "yes", "could_be_better"]) {
        await measure();
        await kiosk.answer(answer);
      }
      await measure();
      expect(screens).toEqual([]);
      await context.close();
    }
  });
});
