import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { isoWithOffset } from "../../shared/response.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import type { TestDatabase } from "../helpers/database.ts";
import { interview } from "../helpers/fixtures.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

let db: TestDatabase;
let server: TestServer;
let browser: Browser;

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
});

describe("kiosk health in the dashboard", () => {
  it("shows version, clock offset and seq gaps of a syncing kiosk, and a silent one in red", async () => {
    const site = await addSite(db.pool, { name: "Borgerservice Vejle", municipality: "Vejle" });
    const syncing = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 1" });
    const silent = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 2" });
    // Test-only: pretend the second kiosk was set up two weeks ago and never synced.
    await db.pool.query("update kiosks set created_at = now() - interval '14 days' where id = $1", [
      silent.kioskId,
    ]);
    const login = { email: "it@vejle.dk", password: "a-long-test-password" };
    await addUser(db.pool, { ...login, role: "chief", siteIds: [site.siteId] });

    const now = new Date();
    const sync = await fetch(`${server.baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${syncing.token}`,
        "Content-Type": "application/json",
        "X-Kiosk-Version": "0.3.1",
      },
      body: JSON.stringify({
        // The device's clock runs 5 s behind the server's.
        sentAt: isoWithOffset(new Date(now.getTime() - 5000), "Europe/Copenhagen"),
        kioskId: syncing.kioskId,
        responses: [1, 2, 5].map((seq) =>
          interview(seq, new Date(now.getTime() - 60_000 * seq), { got_help: "yes" }),
        ),
      }),
    });
    expect(sync.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
    await dashboard.logIn(login.email, login.password);
    await dashboard.open("Kiosker");
    const good = dashboard.page.locator(`tr[data-kiosk="${syncing.kioskId}"]`);
    await good.waitFor();
    const goodText = (await good.textContent()) ?? "";
    expect(goodText).toContain("OK");
    expect(goodText).toContain("0.3.1");
    expect(goodText).toMatch(/[45],\d s/);
    expect(goodText).toContain("3–4 (2 mangler)");
    const red = dashboard.page.locator(`tr[data-kiosk="${silent.kioskId}"]`);
    expect(await red.getAttribute("class")).toBe("silent");
    expect(await red.textContent()).toContain("Tavs");
    expect(await dashboard.axeViolations()).toEqual([]);
    await dashboard.screenshot("kiosks-health-desktop-da");
    await context.close();
  });

  it("says in words that a wiped kiosk counts from 1 again, and keeps its old gap", async () => {
    const site = await addSite(db.pool, { name: "Borgerservice Kolding", municipality: "Kolding" });
    const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke nulstillet" });
    const login = { email: "it@kolding.dk", password: "a-long-test-password" };
    await addUser(db.pool, { ...login, role: "chief", siteIds: [site.siteId] });
    const start = Date.now() - 3 * 3600_000;
    const send = async (seqs: number[], from: number) => {
      const reply = await fetch(`${server.baseUrl}/api/v1/sync`, {
        method: "POST",
        headers: { Authorization: `Bearer ${kiosk.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          sentAt: isoWithOffset(new Date(), "Europe/Copenhagen"),
          responses: seqs.map((seq) =>
            interview(seq, new Date(from + seq * 60_000), { got_help: "yes" }),
          ),
        }),
      });
      expect(reply.status).toBe(200);
    };
    await send([1, 2, 5], start);
    // Wiped: new ids, seq from 1 again, an hour later.
    await send([1, 2], start + 3600_000);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
    await dashboard.logIn(login.email, login.password);
    await dashboard.open("Kiosker");
    const row = dashboard.page.locator(`tr[data-kiosk="${kiosk.kioskId}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("forløb 1: 3–4 (2 mangler)");
    expect(text).toContain("Løbenumre startet forfra");
    expect(text).toContain("kiosken er nulstillet eller udskiftet");
    expect(await dashboard.axeViolations()).toEqual([]);
    await context.close();
  });
});
