import { describe, expect, it } from "vitest";
import { strings } from "../../kiosk/i18n/translations.ts";
import { type Locale, locales, questionText } from "../../shared/questionnaire-i18n.ts";
import { axeViolations } from "./pages/kiosk-axe.ts";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import type { KioskModel } from "./pages/kiosk-model.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/** The seven languages and accessibility (axe-core), in Chromium and WebKit. */
const env = setUpKioskEnv();

/**
 * Walks every screen of the longest path in one language, checking its words on each; axe runs
 * on `axeOn` screens ("all", or the names listed). The markup is the same in every language, so
 * axe runs on every screen in Danish and in Arabic (right to left: the two layouts), and in each
 * other language once, on the screen with the most of its words (the reasons list): what a
 * language can break for axe (its lang, empty names, words over their boxes) shows there. Each
 * language's words are checked on every screen all the same.
 */
async function walkEveryScreen(
  kiosk: KioskModel,
  locale: Locale,
  axeOn: "all" | readonly string[],
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const check = async (screen: string) => {
    if (axeOn !== "all" && !axeOn.includes(screen)) return;
    const violations = await axeViolations(kiosk.driver);
    if (violations.length) found[`${locale}/${screen}`] = violations;
  };
  await kiosk.chooseLanguage(locale);
  expect(await kiosk.heading()).toBe(strings[locale].startHeading);
  await check("start");
  await kiosk.start();
  // The longest path: got help no, why not (a multi choice: tick, then Næste), and on.
  for (const answer of ["no", "other_authority", "yes", "yes", "good", "yes", "could_be_better"]) {
    const screen = await kiosk.screen();
    expect(await kiosk.heading()).toBe(questionText(screen as "got_help", locale));
    expect(await kiosk.lang()).toBe(locale);
    if (screen === "no_help_reasons") {
      await kiosk.toggle(answer);
      await check(screen);
      await kiosk.next();
      continue;
    }
    await check(screen);
    await kiosk.answer(answer);
  }
  expect(await kiosk.heading()).toBe(questionText("improve_reasons", locale));
  await kiosk.toggle("other");
  await check("improve_reasons");
  await kiosk.next();
  expect(await kiosk.heading()).toBe(questionText("improve_text", locale));
  await kiosk.type("Tekst");
  await check("improve_text");
  await kiosk.next();
  expect(await kiosk.heading()).toBe(strings[locale].thanksHeading);
  await check("thanks");
  await kiosk.done();
  return found;
}

const axeEverywhere: readonly Locale[] = ["da", "ar"];
const axeWhereWordsDiffer = ["no_help_reasons", "improve_reasons"] as const;

for (const name of browserNames) {
  describe(`languages and accessibility (${name}, axe-core)`, () => {
    const kiosk = env.useBrowser(name);

    it("each language renders its own words on every screen, resets to Danish, and axe finds nothing", async () => {
      await kiosk().driver.open(testConfig);
      const violations: Record<string, string[]> = {};
      for (const locale of locales) {
        const axeOn = axeEverywhere.includes(locale) ? "all" : axeWhereWordsDiffer;
        Object.assign(violations, await walkEveryScreen(kiosk(), locale, axeOn));
        // The next citizen starts in Danish.
        await kiosk().driver.waitFor("return document.documentElement.lang === 'da';");
        expect(await kiosk().heading()).toBe(strings.da.startHeading);
      }
      expect(violations).toEqual({});
      const stored = (await kiosk().responses()).map((r) => r.locale).sort();
      expect(stored).toEqual([...locales].sort());
      // 32 axe runs and seven walks; WebKit over WebDriver is slow, the more so under load.
    }, 300_000);

    it("the idle prompt passes axe in every language", async () => {
      // Idle soon, but not so soon that the prompt is back before Back is tapped.
      await kiosk().driver.open({ ...testConfig, idleMs: 1_500, promptMs: 600_000 });
      const violations: Record<string, string[]> = {};
      for (const locale of locales) {
        await kiosk().chooseLanguage(locale);
        await kiosk().start();
        await kiosk().waitFor('[role="alertdialog"]');
        expect(await kiosk().text('[role="alertdialog"] h2')).toBe(strings[locale].stillThere);
        const found = await axeViolations(kiosk().driver);
        if (found.length) violations[locale] = found;
        await kiosk().waitForSettled();
        await kiosk().tapNow('[data-action="continue"]');
        await kiosk().driver.waitFor("return !document.querySelector('[role=\"alertdialog\"]');");
        await kiosk().back();
      }
      expect(violations).toEqual({});
    });

    it("Arabic is laid out right to left", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().chooseLanguage("ar");
      expect(await kiosk().attribute("html", "dir")).toBe("rtl");
      expect(await kiosk().heading()).toBe("كيف كانت زيارتك اليوم؟");
      await kiosk().start();
      const [back, skip] = await kiosk().driver.run<number[]>(
        `return ['[data-action="back"]', '[data-action="skip"]'].map((s) => document.querySelector(s).getBoundingClientRect().x);`,
      );
      // "Back" sits at the start of the line, which in Arabic is the right.
      expect(back ?? 0).toBeGreaterThan(skip ?? 0);
      expect(await kiosk().text('[data-answer="yes"]')).toBe("نعم");
      await kiosk().back();
      expect(await kiosk().attribute("html", "dir")).toBe("ltr");
    });

    it("touch targets are at least 64 CSS px high, and nothing scrolls sideways in portrait, landscape or at 200 % zoom", async () => {
      for (const [width, height] of [
        [1024, 768],
        [768, 1024],
        // An iPad in landscape at 200 % zoom has half the CSS pixels.
        [512, 384],
      ] as const) {
        await kiosk().driver.open(testConfig);
        await kiosk().driver.resize(width, height);
        await kiosk().chooseLanguage("uk");
        const screens: string[] = [];
        const measure = async () => {
          const { small, overflow } = await kiosk().driver.run<{
            small: string[];
            overflow: boolean;
          }>(`return {
            small: [...document.querySelectorAll("button")]
              .filter((b) => b.getBoundingClientRect().height < 64)
              .map((b) => b.textContent),
            overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
          };`);
          expect(small).toEqual([]);
          if (overflow) screens.push(await kiosk().screen());
        };
        await measure();
        await kiosk().start();
        for (const answer of ["yes", "yes", "yes", "good", "yes", "could_be_better"]) {
          await measure();
          await kiosk().answer(answer);
        }
        await measure();
        expect(screens).toEqual([]);
      }
    });
  });
}
