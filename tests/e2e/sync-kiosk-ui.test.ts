import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findQuestion } from "../../shared/questionnaire.ts";
import { newEnrolmentCode } from "../../sync-server/admin/enrolment-verbs.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { buildFrontendsIfStale } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { launchChromium } from "./browser.ts";

/**
 * The real kiosk app: a citizen taps through interviews (data-action / data-answer hooks) and
 * the app's sync engine brings each one to PostgreSQL, also after a spell offline.
 */
let db: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await buildFrontendsIfStale(createLogger("warn"));
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.drop();
});

/** A person looks before tapping: taps wait for the screen's settle time (useSettle.ts). */
async function tap(page: Page, selector: string): Promise<void> {
  await page.locator("main[data-settled]").waitFor();
  await page.click(selector);
}

async function interview(page: Page): Promise<void> {
  await tap(page, '[data-action="start"]');
  for (let step = 0; step < 20; step++) {
    const done = page.locator('[data-action="done"]');
    const question = page.locator("[data-question]");
    await expect
      .poll(async () => (await done.count()) + (await question.count()))
      .toBeGreaterThan(0);
    if (await done.count()) {
      await tap(page, '[data-action="done"]');
      return;
    }
    const code = await question.getAttribute("data-question");
    const answers = question.locator("button[data-answer]");
    if ((await answers.count()) === 0) {
      await tap(page, '[data-action="skip"]');
    } else {
      await page.locator("main[data-settled]").waitFor();
      await answers.last().click();
      const next = page.locator('[data-action="next"]');
      // A multi-choice question waits for Næste after the ticks.
      if (findQuestion(code ?? "")?.kind === "multi" && (await next.count())) await next.click();
    }
    await expect.poll(() => page.locator(`[data-question="${code}"]`).count()).toBe(0);
  }
  throw new Error("the interview did not end within 20 screens");
}

/** What the kiosk holds, read with the plain IndexedDB API (the app's Dexie is not global). */
function kioskRows(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; seq: number; status: string; syncState: string }[]>(
        (resolve, reject) => {
          const open = indexedDB.open("borgerpuls-kiosk");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction("responses").objectStore("responses").getAll();
            read.onsuccess = () => {
              resolve(read.result);
              open.result.close();
            };
            read.onerror = () => reject(read.error);
          };
        },
      ),
  );
}

describe("the kiosk app syncs what citizens answer", () => {
  it("stores each tapped interview once, also those answered offline", async () => {
    const site = await addSite(db.pool, { name: "Borgerservice", municipality: "UI-kommune" });
    const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke 1" });
    const stored = async () =>
      (
        await db.pool.query<{ id: string; seq: number }>(
          "select id, seq from responses where kiosk_id = $1 order by seq",
          [kiosk.kioskId],
        )
      ).rows;
    const context = await browser.newContext();
    const page = await context.newPage();
    // The enrolment link carries a one-time code; the kiosk trades it for its token.
    const { code } = await newEnrolmentCode(db.pool, { kioskId: kiosk.kioskId, ttlMinutes: 60 });
    await page.goto(`${server.baseUrl}/kiosk/?enroll=${code}`);
    // Enrolled kiosks ask staff for a PIN before the first citizen (kiosk-staff.test.ts).
    await page.locator('[data-screen="staff-setup"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-staff-field="new-pin"]').fill("2468");
    await page.locator('[data-staff-field="confirm-pin"]').fill("2468");
    await tap(page, '[data-staff="pin"]');
    await page.locator('[data-action="start"]').waitFor();

    for (let i = 0; i < 3; i++) await interview(page);
    await expect.poll(async () => (await stored()).length, { timeout: 20_000 }).toBe(3);

    await context.setOffline(true);
    for (let i = 0; i < 2; i++) await interview(page);
    expect((await stored()).length).toBe(3);
    await context.setOffline(false);
    await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBe(5);

    // The server stores a batch before its reply reaches the kiosk: wait for the kiosk to mark it.
    const finished = async () =>
      (await kioskRows(page)).filter((row) => row.status !== "in_progress");
    await expect
      .poll(async () => (await finished()).every((row) => row.syncState === "synced"), {
        timeout: 20_000,
      })
      .toBe(true);
    const onKiosk = await finished();
    const byId = (rows: { id: string; seq: number }[]) =>
      rows.map(({ id, seq }) => `${seq}:${id}`).sort();
    expect(byId(await stored())).toEqual(byId(onKiosk));
    await context.close();
  });
});
