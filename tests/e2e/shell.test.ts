import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";

let server: TestServer;
let browser: Browser;

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
});

describe("the served front ends in Chromium", () => {
  for (const [path, heading] of [
    ["/kiosk/", "Hvordan gik dit besøg i dag?"],
    ["/dashboard/", "Borgerpuls"],
  ] as const) {
    it(`${path} renders in Danish without errors and passes axe`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        // The dashboard asks GET /api/v1/session who is logged in; nobody is, so 401 is expected.
        const expected = path === "/dashboard/" && message.text().includes("status of 401");
        if (message.type() === "error" && !expected) errors.push(message.text());
      });
      await page.goto(`${server.baseUrl}${path}`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
      expect(await page.getAttribute("html", "lang")).toBe("da");
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe("home-screen icons", () => {
  it("the kiosk offers PNG icons iPadOS can use, in the page and in the manifest", async () => {
    const html = await (await fetch(`${server.baseUrl}/kiosk/`)).text();
    expect(html).toMatch(/<link rel="apple-touch-icon" href="[^"]*icon-180\.png"/);
    const manifestHref =
      /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1] ?? "manifest.webmanifest";
    const manifest = (await (
      await fetch(new URL(manifestHref, `${server.baseUrl}/kiosk/`))
    ).json()) as {
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.type}`)).toEqual(
      expect.arrayContaining(["192x192 image/png", "512x512 image/png"]),
    );
    for (const file of ["icon-180.png", "icon-192.png", "icon-512.png"]) {
      const response = await fetch(`${server.baseUrl}/kiosk/${file}`);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});
