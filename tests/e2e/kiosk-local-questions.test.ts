import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalBreakdownReply } from "../../shared/local-breakdown-contract.ts";
import type { LocalQuestionView } from "../../shared/local-questions.ts";
import { addApiToken, addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { buildFrontendsIfStale } from "../../sync-server/frontends.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { logIn, type Session } from "../helpers/admin-session.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";
import { axeViolations } from "./pages/kiosk-axe.ts";
import { browserNames, type KioskDriver, startDriver } from "./pages/kiosk-driver.ts";
import { KioskModel } from "./pages/kiosk-model.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/**
 * Local questions from the admin API to the export, with a real kiosk in Chromium and in WebKit
 * (the iPad's engine): the kiosk gets them with a sync, asks them after the core questions in
 * the citizen's language (skipping one without a translation), Back and Skip work as on every
 * question, and the synced answers show in the breakdown, the export and the codebook.
 */
let db: TestDatabase;
let server: TestServer;
const password = "en meget lang adgangskode";

beforeAll(async () => {
  await buildFrontendsIfStale(createLogger("warn"));
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const errand = {
  code: "errand",
  text: { da: "Hvad kom du for?", en: "What did you come for?" },
  answers: [
    { code: "pas", label: { da: "Pas", en: "Passport" } },
    { code: "korekort", label: { da: "Kørekort", en: "Driving licence" } },
    { code: "andet", label: { da: "Andet", en: "Other" } },
  ],
};
// Danish only: an English-speaking citizen is not asked it.
const booked = {
  code: "booked",
  text: { da: "Havde du bestilt tid?" },
  answers: [
    { code: "ja", label: { da: "Ja" } },
    { code: "nej", label: { da: "Nej" } },
  ],
};
const core = ["yes", "no", "very_good", "yes", "nothing"];

for (const name of browserNames) {
  describe(`${name}: local questions end to end`, () => {
    let driver: KioskDriver;
    let kiosk: KioskModel;
    let enrolment: { kioskId: string; token: string };
    let analyst: string;
    let versions: LocalQuestionView[] = [];
    let admin: Session;
    const municipality = `Lokalkommune ${name}`;

    const screenIs = (screen: string) =>
      driver.waitFor(
        `const s = document.querySelector('main section');
         return (s?.getAttribute('data-question') ?? s?.getAttribute('data-screen')) === arguments[0];`,
        [screen],
        45_000,
      );
    const syncNow = () => driver.run(`window.dispatchEvent(new Event("online"));`);
    const api = async (path: string) =>
      fetch(`${server.baseUrl}/api/v1/${path}`, {
        headers: { authorization: `Bearer ${analyst}` },
      });

    beforeAll(async () => {
      const site = await addSite(db.pool, { name: `Borgerservice ${name}`, municipality });
      enrolment = await addKiosk(db.pool, { siteId: site.siteId, name: "iPad" });
      analyst = (await addApiToken(db.pool, { role: "analyst", siteIds: [], municipality })).token;
      const email = `admin@${name}.test`;
      await addUser(db.pool, { email, role: "admin", siteIds: [], municipality, password });
      admin = await logIn(server.baseUrl, email, password);
      for (const body of [errand, { ...booked, siteId: site.siteId }]) {
        const response = await fetch(`${server.baseUrl}/api/v1/admin/local-questions`, {
          method: "POST",
          headers: {
            cookie: admin.cookie,
            "x-csrf-token": admin.csrf,
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(201);
        versions.push((await response.json()) as LocalQuestionView);
      }
      driver = await startDriver(name, server.baseUrl);
      kiosk = new KioskModel(driver);
      await driver.open(testConfig);
      await driver.goto(`/kiosk/?enroll=${encodeURIComponent(enrolment.token)}`);
      await screenIs("staff-setup");
      await driver.type('[data-staff-field="new-pin"]', "2468");
      await driver.type('[data-staff-field="confirm-pin"]', "2468");
      await kiosk.waitForSettled();
      await driver.click('[data-staff="pin"]');
      await kiosk.waitFor('[data-action="start"]', 45_000);
    });
    afterAll(async () => {
      await driver?.close();
      versions = [];
    });

    it("gets them with a sync and applies them at the start screen", async () => {
      await syncNow();
      await driver.waitFor(
        "return document.documentElement.dataset.localQuestions === arguments[0];",
        [versions.map((version) => version.id).join(" ")],
        30_000,
      );
    });

    it("asks them after the core questions, in Danish, with Back and Skip", async () => {
      expect(await kiosk.start()).toBe("got_help");
      for (const answer of core) await kiosk.answer(answer);
      expect(await kiosk.screen()).toBe("local:errand");
      expect(await kiosk.heading()).toBe("Hvad kom du for?");
      expect(await kiosk.progress()).toBe("Spørgsmål 6 af 7");
      expect(await axeViolations(driver)).toEqual([]);
      expect(await kiosk.answer("pas")).toBe("local:booked");
      expect(await kiosk.back()).toBe("local:errand");
      expect(await kiosk.attribute('[data-answer="pas"]', "aria-checked")).toBe("true");
      expect(await kiosk.answer("korekort")).toBe("local:booked");
      expect(await kiosk.skip()).toBe("thanks");
      expect(await kiosk.done()).toBe("start");
    });

    it("skips a question not translated into the citizen's language", async () => {
      await kiosk.chooseLanguage("en");
      expect(await kiosk.start()).toBe("got_help");
      for (const answer of core) await kiosk.answer(answer);
      expect(await kiosk.heading()).toBe("What did you come for?");
      expect(await kiosk.text('[data-answer="pas"]')).toContain("Passport");
      expect(await kiosk.answer("pas")).toBe("thanks");
      expect(await kiosk.done()).toBe("start");
    });

    it("a question retired mid-interview is still asked in it, and no more after it", async () => {
      expect(await kiosk.start()).toBe("got_help");
      const retired = await fetch(
        `${server.baseUrl}/api/v1/admin/local-questions/${versions[1]?.questionId}/retire`,
        { method: "POST", headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf } },
      );
      expect(retired.status).toBe(200);
      await syncNow();
      const keptIds = () =>
        driver.run<string>(`
          return new Promise((done) => {
            const request = indexedDB.open("borgerpuls-kiosk");
            request.onsuccess = () => {
              const get = request.result.transaction("meta").objectStore("meta").get("localQuestions");
              get.onsuccess = () => done((get.result?.value ?? []).map((q) => q.id).join(" "));
            };
          });`);
      await expect.poll(keptIds, { timeout: 30_000 }).toBe(versions[0]?.id);
      for (const answer of core) await kiosk.answer(answer);
      expect(await kiosk.answer("andet")).toBe("local:booked");
      expect(await kiosk.answer("ja")).toBe("thanks");
      expect(await kiosk.done()).toBe("start");
      await driver.waitFor(
        "return document.documentElement.dataset.localQuestions === arguments[0];",
        [versions[0]?.id],
        30_000,
      );
    });

    it("sends the answers; the breakdown, the export and the codebook show them", async () => {
      await syncNow();
      const stored = async () =>
        (
          await db.pool.query<{ code: string }>(
            `select l.answer_code as code from local_answers l
             join responses r on r.municipality_id = l.municipality_id and r.id = l.response_id
             where r.kiosk_id = $1 order by r.seq, l.answer_code`,
            [enrolment.kioskId],
          )
        ).rows.map((row) => row.code);
      await expect.poll(stored, { timeout: 30_000 }).toEqual(["korekort", "pas", "andet", "ja"]);
      const today = new Date().toISOString().slice(0, 10);
      const range = `from=${today}&to=${today}`;
      const breakdown = (await (
        await api(`dashboard/local-breakdown?question=${versions[0]?.id}&${range}`)
      ).json()) as LocalBreakdownReply;
      expect(breakdown.rows.map((row) => [row.answer, row.responses])).toEqual([
        ["pas", 1],
        ["korekort", 1],
        ["andet", 1],
        [null, 0],
      ]);
      // Two citizens: far below k, so the figures are hidden.
      expect(
        breakdown.rows.every((row) => row.got_help.count === null || row.responses === 0),
      ).toBe(true);
      const csv = parse(await (await api(`export/responses.csv?${range}`)).text(), {
        columns: true,
      }) as Record<string, string>[];
      expect(csv.map((row) => row.local_errand_v1).sort()).toEqual(["andet", "korekort", "pas"]);
      expect(csv.map((row) => row.local_booked_v1).sort()).toEqual(["", "", "ja"]);
      const codebook = (await (await api("export/codebook")).json()) as {
        localColumns: { name: string }[];
      };
      expect(codebook.localColumns.map((column) => column.name)).toEqual([
        "local_errand_v1",
        "local_booked_v1",
      ]);
    });
  });
}
