import { beforeAll, describe, expect, it } from "vitest";
import { findQuestion } from "../../shared/questionnaire.ts";
import { newEnrolmentCode } from "../../sync-server/admin/enrolment-verbs.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import type { KioskModel } from "./pages/kiosk-model.ts";
import { testConfig } from "./pages/kiosk-page.ts";
import { StaffMode } from "./pages/kiosk-staff.ts";

/**
 * The real kiosk app, in Chromium and in WebKit (the iPad's engine): a citizen taps through
 * interviews (data-action / data-answer hooks) and the app's sync engine brings each one to
 * PostgreSQL, also after a spell offline (the kiosk's network cut, kiosk-network.ts).
 */
const env = setUpKioskEnv();
let site: { siteId: string; municipalityId: string };

beforeAll(async () => {
  site = await addSite(env.db().pool, { name: "Borgerservice", municipality: "UI-kommune" });
});

/** One interview to the end, always the last answer offered (so every branch is walked). */
async function interview(kiosk: KioskModel): Promise<void> {
  await kiosk.start();
  for (let step = 0; step < 20; step++) {
    const screen = await kiosk.screen();
    if (screen === "thanks") {
      await kiosk.done();
      return;
    }
    const last = await kiosk.driver.run<string | null>(
      `const answers = document.querySelectorAll("[data-question] button[data-answer]");
       return answers.length ? answers[answers.length - 1].dataset.answer : null;`,
    );
    if (last === null) await kiosk.skip();
    else if (findQuestion(screen)?.kind === "multi") {
      // A multi-choice question waits for Næste after the ticks.
      await kiosk.toggle(last);
      await kiosk.next();
    } else await kiosk.answer(last);
  }
  throw new Error("the interview did not end within 20 screens");
}

for (const name of browserNames) {
  describe(`the kiosk app syncs what citizens answer (${name})`, () => {
    const kiosk = env.useBrowser(name);

    it("stores each tapped interview once, also those answered offline", async () => {
      const row = await addKiosk(env.db().pool, { siteId: site.siteId, name: `Skranke (${name})` });
      const stored = async () =>
        (
          await env
            .db()
            .pool.query<{ id: string; seq: number }>(
              "select id, seq from responses where kiosk_id = $1 order by seq",
              [row.kioskId],
            )
        ).rows;
      // The enrolment link carries a one-time code; the kiosk trades it for its token.
      const { code } = await newEnrolmentCode(env.db().pool, {
        kioskId: row.kioskId,
        ttlMinutes: 60,
      });
      await kiosk().driver.open(testConfig, `?enroll=${code}`);
      // Enrolled kiosks ask staff for a PIN before the first citizen (kiosk-staff.test.ts).
      const staff = new StaffMode(kiosk());
      await staff.waitForScreen("staff-setup");
      expect(await staff.choosePin("2468")).toBe("");
      await staff.waitForStart();

      for (let i = 0; i < 3; i++) await interview(kiosk());
      await expect.poll(async () => (await stored()).length, { timeout: 20_000 }).toBe(3);

      env.setOnline(false);
      for (let i = 0; i < 2; i++) await interview(kiosk());
      expect((await stored()).length).toBe(3);
      env.setOnline(true);
      await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBe(5);

      // The server stores a batch before its reply reaches the kiosk: wait for the kiosk to mark it.
      const finished = async () =>
        (await kiosk().responses()).filter((response) => response.status !== "in_progress");
      await expect
        .poll(async () => (await finished()).every((r) => r.syncState === "synced"), {
          timeout: 20_000,
        })
        .toBe(true);
      const byId = (rows: { id: string; seq: number }[]) =>
        rows.map(({ id, seq }) => `${seq}:${id}`).sort();
      expect(byId(await stored())).toEqual(byId(await finished()));
    });
  });
}
