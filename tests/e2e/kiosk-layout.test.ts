import { describe, expect, it } from "vitest";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * Issue 11, what was seen 8: the screen is used in portrait, answer tiles are equal, Ja/Nej carry
 * a symbol, single choice has radio semantics, and the comment's focus ring is calm and clear
 * of the privacy note. Measured in the page, in Chromium and WebKit.
 */
const env = setUpKioskEnv();

type Box = {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
};

const tilesScript = `
  const box = (el) => { const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; };
  const tiles = [...document.querySelectorAll("[data-question] [data-answer]")].map(box);
  const controls = [...document.querySelectorAll("[data-question] .controls button")].map(box);
  return { tiles, controls, viewport: { width: innerWidth, height: innerHeight } };`;

type Layout = { tiles: Box[]; controls: Box[]; viewport: { width: number; height: number } };

for (const name of browserNames) {
  describe(`${name}: layout and semantics`, () => {
    const kiosk = env.useBrowser(name);

    it("portrait (768×1024, 820×1180): the answers fill the screen, equal in size", async () => {
      for (const [width, height] of [
        [768, 1024],
        [820, 1180],
      ] as const) {
        await kiosk().driver.open(testConfig);
        await kiosk().driver.resize(width, height);
        await kiosk().start();
        for (const answer of ["yes", "yes", "yes"]) {
          const layout = await kiosk().driver.run<Layout>(tilesScript);
          const screen = await kiosk().screen();
          const [first, ...rest] = layout.tiles;
          if (!first) throw new Error(`no tiles on ${screen}`);
          for (const tile of rest) {
            expect(Math.abs(tile.width - first.width), `${screen} tile width`).toBeLessThan(1.5);
            expect(Math.abs(tile.height - first.height), `${screen} tile height`).toBeLessThan(1.5);
          }
          const tilesBottom = Math.max(...layout.tiles.map((tile) => tile.bottom));
          const tilesTop = Math.min(...layout.tiles.map((tile) => tile.top));
          const controlsBottom = Math.max(...layout.controls.map((control) => control.bottom));
          // The answers take at least 40 % of the height, and the page reaches the bottom.
          expect((tilesBottom - tilesTop) / layout.viewport.height, `${screen}`).toBeGreaterThan(
            0.4,
          );
          expect(controlsBottom / layout.viewport.height, `${screen}`).toBeGreaterThan(0.85);
          expect(controlsBottom).toBeLessThanOrEqual(layout.viewport.height + 1);
          await kiosk().answer(answer);
        }
        // The smileys: four equal tiles.
        expect(await kiosk().screen()).toBe("guidance");
        const smileys = await kiosk().driver.run<Layout>(tilesScript);
        expect(smileys.tiles).toHaveLength(4);
        const sizes = new Set(
          smileys.tiles.map((t) => `${Math.round(t.width)}x${Math.round(t.height)}`),
        );
        expect(sizes.size).toBe(1);
      }
    });

    it("Ja/Nej show a symbol as well as the word; single choice is a radio group", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      expect(await kiosk().count('[data-answer="yes"] svg.answer-symbol')).toBe(1);
      expect(await kiosk().count('[data-answer="no"] svg.answer-symbol')).toBe(1);
      expect(await kiosk().text('[data-answer="yes"]')).toBe("Ja");
      expect(await kiosk().count('[role="radiogroup"][aria-labelledby="question-text"]')).toBe(1);
      expect(await kiosk().count('[role="radiogroup"] [role="radio"][aria-checked="false"]')).toBe(
        2,
      );
      expect(await kiosk().count("[aria-pressed]")).toBe(0);
      await kiosk().answer("no");
      expect(await kiosk().back()).toBe("got_help");
      expect(await kiosk().attribute('[data-answer="no"]', "aria-checked")).toBe("true");
      expect(await kiosk().attribute('[data-answer="yes"]', "aria-checked")).toBe("false");
      // One tab stop for the group: the checked tile.
      expect(await kiosk().attribute('[data-answer="no"]', "tabindex")).toBe("0");
      expect(await kiosk().attribute('[data-answer="yes"]', "tabindex")).toBe("-1");
    });

    it("multi choice is a group of checkboxes", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      for (const answer of ["yes", "no", "good", "yes", "could_be_better"])
        await kiosk().answer(answer);
      expect(await kiosk().count('[role="group"] [role="checkbox"][aria-checked="false"]')).toBe(4);
      await kiosk().toggle("other");
      expect(await kiosk().attribute('[data-answer="other"]', "aria-checked")).toBe("true");
    });

    it("the comment's focus ring is not red and does not cover the privacy note", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      for (const answer of ["yes", "no", "good", "yes", "could_be_better"])
        await kiosk().answer(answer);
      expect(await kiosk().next()).toBe("improve_text");
      const ring = await kiosk().driver.run<{
        color: string;
        width: number;
        offset: number;
        gap: number;
      }>(`
        const field = document.querySelector("[data-question] textarea");
        field.focus();
        const style = getComputedStyle(field);
        const note = document.querySelector("#text-note").getBoundingClientRect();
        return {
          color: style.outlineColor,
          width: parseFloat(style.outlineWidth),
          offset: parseFloat(style.outlineOffset),
          gap: field.getBoundingClientRect().top - note.bottom,
        };`);
      const [r = 0, g = 0, b = 0] = (ring.color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      expect(ring.width).toBeGreaterThanOrEqual(2);
      // Not red: the blue channel leads, red does not dominate.
      expect(b, ring.color).toBeGreaterThan(r);
      expect(r, ring.color).toBeLessThan(g + 60);
      // The ring stays in the gap between the note and the field.
      expect(ring.gap, "gap below the note").toBeGreaterThan(ring.width + Math.max(0, ring.offset));
    });
  });
}
