import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { LocalQuestionView } from "../../shared/local-questions.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import type { TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

let db: TestDatabase;
let server: TestServer;
let browser: Browser;

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
});

/**
 * The dashboard's two local-question pages: an admin adds a question on "Opsæt lokale
 * spørgsmål" and changes it (a new version); "Lokale spørgsmål" shows every headline by its
 * answers, with a small group hidden and a neighbour hidden with it. Both pass axe.
 */
describe("local questions in the dashboard", () => {
  it("an admin adds and changes one; the breakdown shows its answers under the disclosure rule", async () => {
    const site = await addSite(db.pool, { name: "Borgerservice Kolding", municipality: "Kolding" });
    const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "Skranke" });
    const login = { email: "admin@kolding.dk", password: "en meget lang adgangskode" };
    await addUser(db.pool, { ...login, role: "admin", siteIds: [], municipality: "Kolding" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const dashboard = new DashboardPage(await context.newPage(), server.baseUrl);
    const page = dashboard.page;
    await dashboard.logIn(login.email, login.password);

    await dashboard.open("Opsæt lokale spørgsmål");
    await page.getByLabel("Kode", { exact: true }).fill("errand");
    await page.getByLabel("Spørgsmål på dansk").fill("Hvad kom du for?");
    await page
      .getByLabel("Svar", { exact: true })
      .fill("pas | Pas\nkorekort | Kørekort\nandet | Andet");
    // Every kiosk language has its fields; English here lacks one answer, Arabic has them all.
    for (const name of ["engelsk", "tysk", "polsk", "ukrainsk", "tyrkisk", "arabisk"])
      await page.getByLabel(`Spørgsmål på ${name} (valgfrit)`).waitFor();
    await page.getByLabel("Spørgsmål på engelsk (valgfrit)").fill("What did you come for?");
    await page.getByLabel(/^Svar på engelsk/).fill("Passport\nDriving licence");
    await page.getByLabel("Spørgsmål på arabisk (valgfrit)").fill("لماذا أتيت؟");
    await page.getByLabel(/^Svar på arabisk/).fill("جواز سفر\nرخصة قيادة\nشيء آخر");
    expect(await page.getByLabel(/^Svar på arabisk/).getAttribute("dir")).toBe("rtl");
    await page.getByRole("button", { name: "Tilføj spørgsmål" }).click();
    await page.getByTestId("local-saved").waitFor();
    await page.getByRole("row", { name: /errand/ }).waitFor();
    expect(await dashboard.axeViolations()).toEqual([]);
    const listed = await dashboard.api<{ questions: LocalQuestionView[] }>(
      "/api/v1/admin/local-questions",
    );
    const v1 = listed.body.questions[0];
    if (!v1) throw new Error("the question was not added");
    expect(v1.text).toEqual({
      da: "Hvad kom du for?",
      en: "What did you come for?",
      ar: "لماذا أتيت؟",
    });
    expect(v1.answers).toEqual([
      { code: "pas", label: { da: "Pas", en: "Passport", ar: "جواز سفر" } },
      { code: "korekort", label: { da: "Kørekort", en: "Driving licence", ar: "رخصة قيادة" } },
      { code: "andet", label: { da: "Andet", ar: "شيء آخر" } },
    ]);

    // 12 came for a passport, 8 for a licence, 2 for something else: that group is below k.
    const today = new Date();
    const codes = [...Array(12).fill("pas"), ...Array(8).fill("korekort"), "andet", "andet"];
    await storeInterviews(
      db.pool,
      { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: kiosk.kioskId },
      codes.map((code, i) =>
        interview(
          i + 1,
          new Date(today.getTime() - 3_600_000 - i * 60_000),
          { got_help: i % 4 === 0 ? "no" : "yes" },
          { local: { [v1.id]: code } },
        ),
      ),
    );

    await dashboard.open("Lokale spørgsmål");
    const table = page.getByRole("group", { name: "Lokale spørgsmål" });
    await table.getByRole("row", { name: /Kørekort/ }).waitFor();
    const row = (name: string) => table.getByRole("row", { name: new RegExp(`^${name}`) });
    expect(await row("Pas").textContent()).toContain("75");
    expect(await row("Andet").textContent()).toContain("skjult");
    // Andet (2) alone could be worked out from the total; the next-smallest group goes too.
    expect(await row("Ikke besvaret").textContent()).not.toContain("skjult");
    expect(await row("Kørekort").textContent()).toContain("skjult");
    expect(await dashboard.axeViolations()).toEqual([]);

    await dashboard.open("Opsæt lokale spørgsmål");
    await page.getByRole("button", { name: "Ret errand" }).click();
    // The form opens with every language the version has.
    expect(await page.getByLabel(/^Svar på arabisk/).inputValue()).toBe(
      "جواز سفر\nرخصة قيادة\nشيء آخر",
    );
    await page
      .getByLabel("Svar", { exact: true })
      .fill("pas | Pas\nkorekort | Kørekort\nskat | Skat");
    await page.getByLabel(/^Svar på arabisk/).fill("جواز سفر\nرخصة قيادة\nضرائب");
    await page.getByRole("button", { name: "Gem som ny version" }).click();
    await page.getByTestId("local-saved").waitFor();
    expect(await page.getByTestId("local-saved").textContent()).toContain("errand v2");
    const changed = await dashboard.api<{ questions: LocalQuestionView[] }>(
      "/api/v1/admin/local-questions",
    );
    expect(changed.body.questions[0]?.answers.at(-1)).toEqual({
      code: "skat",
      label: { da: "Skat", ar: "ضرائب" },
    });
    await context.close();
  });
});
