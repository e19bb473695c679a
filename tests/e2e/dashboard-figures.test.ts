import type { Browser, BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { StudyFigure, StudyReply } from "../../shared/report-contract.ts";
import { addKiosk, addSite, addUser } from "../../sync-server/admin/verbs.ts";
import { seedDemo } from "../../sync-server/demo/seed.ts";
import type { TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { DashboardPage } from "./pages/dashboard-page.ts";

type Study = StudyReply;
type Figure = StudyFigure;
type Headline = { percent: number | null; uncertain: boolean; suppressed: boolean };
type Today = {
  provisional: boolean;
  figures: Record<
    string,
    {
      today: Headline;
      change7: string | null;
      change30: string | null;
      target: { percent: number } | null;
    }
  >;
};
type Trend = {
  by: string;
  firstData: string | null;
  points: { period: string; from: string; to: string; open: boolean }[];
  spc: Record<string, { verdict: "change" | "common" | "too_few"; target: unknown }>;
};

let db: TestDatabase;
let server: TestServer;
let browser: Browser;

const adminLogin = { email: "admin@horsens.demo", password: "admin-password-long" };

setUpBrowserEnv(async (env) => {
  ({ db, server, browser } = env);
  await seedDemo(db.pool, testFingerprintKeys, { now: new Date() });
  await addUser(db.pool, { ...adminLogin, role: "admin", siteIds: [] });
});

const da = (n: number, decimals = 0) =>
  new Intl.NumberFormat("da-DK", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
const daPercent = (p: number | null, decimals = 0) => (p === null ? "–" : `${da(p, decimals)} %`);

async function session(login: { email: string; password: string }): Promise<{
  context: BrowserContext;
  dashboard: DashboardPage;
  errors: string[];
}> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "da-DK",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const dashboard = new DashboardPage(page, server.baseUrl);
  await dashboard.logIn(login.email, login.password);
  return { context, dashboard, errors };
}

/** The visible range of the page (the study page prints it; dates in the sites' zone). */
async function last30(dashboard: DashboardPage): Promise<{ from: string; to: string }> {
  return dashboard.page.evaluate(() => {
    const zone = "Europe/Copenhagen";
    const to = new Date().toLocaleDateString("sv-SE", { timeZone: zone });
    const from = new Date(`${to}T12:00:00Z`);
    from.setUTCDate(from.getUTCDate() - 29);
    return { from: from.toISOString().slice(0, 10), to };
  });
}

describe("the figures pages in Chromium", () => {
  it("Undersøgelsen shows all five study figures as the API has them: distribution, N, table", async () => {
    const { context, dashboard, errors } = await session(adminLogin);
    const page = dashboard.page;
    await dashboard.open("Undersøgelsen");
    const range = await last30(dashboard);
    const api = await dashboard.api<Study>(
      `/api/v1/dashboard/study?from=${range.from}&to=${range.to}`,
    );
    expect(api.status).toBe(200);
    const figures: [string, Figure][] = [
      ["got_help", api.body.gotHelp],
      ["no_help_reasons", api.body.gotHelp.reasons],
      ["referred_ok", api.body.referredOk],
      ["guidance", api.body.guidance],
      ["seen_heard", api.body.seenHeard],
      ["improve", api.body.improve],
      ["improve_reasons", api.body.improve.reasons],
    ];
    await page.locator('[data-study="improve_reasons"]').waitFor();
    for (const [id, figure] of figures) {
      const card = page.locator(`[data-study="${id}"]`);
      expect(await card.getByTestId(`${id}-n`).textContent()).toContain(`N = ${da(figure.n ?? 0)}`);
      await card.locator("summary").click();
      for (const answer of figure.answers) {
        const row = card.locator(`tr[data-answer="${answer.code}"]`);
        const cells = await row.locator("td").allTextContents();
        expect(cells[0], `${id} ${answer.code} count`).toBe(
          answer.count === null ? "–" : da(answer.count),
        );
        expect(cells[1], `${id} ${answer.code} share`).toBe(daPercent(answer.percent, 1));
        // The bar is named with the same share, for screen readers.
        if (answer.percent !== null) {
          expect(
            await card
              .getByRole("img", { name: new RegExp(`${daPercent(answer.percent)}, 95`) })
              .count(),
          ).toBeGreaterThan(0);
        }
      }
    }
    // Guidance in its four levels, not only the top two.
    expect(await page.locator('[data-study="guidance"] li.dist-row').count()).toBe(4);
    expect(api.body.guidance.answers.map((a) => a.code)).toEqual([
      "very_good",
      "good",
      "poor",
      "unacceptable",
    ]);

    // The same period a year earlier, on request (kept in the URL).
    await page.getByLabel("Sammenlign med samme periode sidste år").check();
    await expect.poll(() => new URL(page.url()).searchParams.get("compare")).toBe("year");
    await page
      .getByRole("heading", { name: "Denne periode mod samme periode et år før" })
      .waitFor();
    expect(await page.locator("tr[data-headline]").count()).toBe(4);
    await dashboard.screenshot("study-desktop-da");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Udvikling draws a p-chart per month over a year, from the first data on, with the verdict in words and the target", async () => {
    const { context, dashboard, errors } = await session(adminLogin);
    const page = dashboard.page;
    // An admin sets the municipality's target on I dag; the card shows it at once.
    await page.getByText(/^Sæt mål/).click();
    await page.getByLabel("Fik hjælp (%)").fill("90");
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Gemt." }).waitFor();
    await expect
      .poll(() => page.locator('[data-figure="got_help"] [data-testid="target"]').textContent())
      .toContain("90 %");
    const targets = await dashboard.api<{ targets: { siteId: string | null; percent: number }[] }>(
      "/api/v1/dashboard/targets",
    );
    expect(targets.body.targets).toEqual([expect.objectContaining({ siteId: null, percent: 90 })]);

    await dashboard.open("Udvikling");
    await page.getByRole("button", { name: "365 dage" }).click();
    await expect
      .poll(() => page.getByRole("button", { name: "måned" }).getAttribute("aria-pressed"))
      .toBe("true");
    const range = await page.evaluate(() => {
      const to = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" });
      const from = new Date(`${to}T12:00:00Z`);
      from.setUTCDate(from.getUTCDate() - 364);
      return { from: from.toISOString().slice(0, 10), to };
    });
    const api = await dashboard.api<Trend>(
      `/api/v1/dashboard/trend?from=${range.from}&to=${range.to}&by=month`,
    );
    expect(api.status).toBe(200);
    const spc = api.body.spc.got_help;
    if (!spc) throw new Error("no got_help chart");
    const words = { change: "Tegn på ændring", common: "Almindelig variation", too_few: "For få" };
    await expect
      .poll(() => page.getByTestId("spc-verdict").textContent())
      .toContain(words[spc.verdict]);
    expect(await page.getByTestId("target-line").textContent()).toContain("Mål 90 %");
    // One table row per period the server sent, none before the first data.
    await page.locator("details summary").first().click();
    const rows = await page
      .locator("tr[data-period]")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-period")));
    expect(rows).toEqual(api.body.points.map((p) => p.period));
    expect(api.body.firstData).not.toBeNull();
    // The first period is the one holding the first data: no empty periods before it.
    const first = api.body.points[0];
    const firstData = api.body.firstData ?? "";
    expect(first && first.from <= firstData && firstData <= first.to).toBe(true);
    // Closed periods are "lukket", never a hidden figure.
    for (const point of api.body.points.filter((p) => !p.open)) {
      expect(await page.locator(`tr[data-period="${point.period}"]`).textContent()).toContain(
        "lukket",
      );
    }
    await dashboard.screenshot("trends-pchart-desktop-da");

    expect(errors).toEqual([]);
    await context.close();
  });

  it("I dag: arrows only where the server gives one and never on *usikker*; foreløbig as the server says", async () => {
    const { context, dashboard } = await session(adminLogin);
    const page = dashboard.page;
    await expect.poll(() => page.locator("[data-figure]").count()).toBe(4);
    const api = await dashboard.api<Today>("/api/v1/dashboard/today");
    for (const [code, figure] of Object.entries(api.body.figures)) {
      const marks = await page
        .locator(`[data-figure="${code}"] [data-change]`)
        .evaluateAll((els) => els.map((el) => el.getAttribute("data-change")));
      const expected = figure.today.uncertain
        ? []
        : [
            ...(figure.change7 ? [`last7-${figure.change7}`] : []),
            ...(figure.change30 ? [`last30-${figure.change30}`] : []),
          ];
      expect(marks, code).toEqual(expected);
    }
    expect(await page.getByTestId("provisional").count()).toBe(api.body.provisional ? 1 : 0);
    await context.close();
  });

  it("shows hidden groups as hidden and small results in full", async () => {
    const site = await addSite(db.pool, {
      name: "Borgerservice Lille",
      municipality: "Lillekommune",
    });
    const few = await addKiosk(db.pool, { siteId: site.siteId, name: "Få svar" });
    const noneHelped = await addKiosk(db.pool, { siteId: site.siteId, name: "Ingen fik hjælp" });
    const login = { email: "chef@lille.dk", password: "a-long-test-password" };
    await addUser(db.pool, { ...login, role: "chief", siteIds: [site.siteId] });
    const now = Date.now();
    // Three answers: below the default limit of 5, so every figure of this kiosk is hidden.
    await storeInterviews(
      db.pool,
      { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: few.kioskId },
      [1, 2, 3].map((seq) => interview(seq, new Date(now - 60_000 * seq), { got_help: "no" })),
    );
    // Twenty answers, none got help: 0 % is a finding and is shown.
    await storeInterviews(
      db.pool,
      { municipalityId: site.municipalityId, siteId: site.siteId, kioskId: noneHelped.kioskId },
      Array.from({ length: 20 }, (_, i) =>
        interview(i + 1, new Date(now - 30_000 * (i + 1)), { got_help: "no" }),
      ),
    );
    const { context, dashboard } = await session(login);
    const page = dashboard.page;
    await page.getByRole("combobox", { name: "Kiosk" }).selectOption(few.kioskId);
    await expect
      .poll(() =>
        page.locator('[data-figure="got_help"] [data-period="today"] .n').first().textContent(),
      )
      .toBe("skjult");
    expect(await dashboard.figureText("got_help", "today")).toBe("–");
    await page.getByRole("combobox", { name: "Kiosk" }).selectOption(noneHelped.kioskId);
    await expect.poll(() => dashboard.figureText("got_help", "today")).toBe("0 %");
    // A chief gets figures, not raw rows.
    await dashboard.open("Eksport");
    expect(await page.getByRole("button", { name: /Hent svar/ }).count()).toBe(0);
    expect(await page.getByText(/Rå svar \(responses.csv\) er for analytikere/).count()).toBe(1);
    expect(await page.getByRole("button", { name: /Hent tal/ }).count()).toBe(1);
    await context.close();
  });
});
