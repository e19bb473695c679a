import type { Browser, BrowserContext } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/test-server.ts";
import { setUpBrowserEnv } from "./harness.ts";
import { applyKioskConfig, KioskPage, testConfig } from "./pages/kiosk-page.ts";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let kiosk: KioskPage;
let errors: string[];

setUpBrowserEnv(async (env) => {
  ({ server, browser } = env);
});

async function openKiosk(config = testConfig): Promise<void> {
  context = await browser.newContext();
  await applyKioskConfig(context, config);
  const page = await context.newPage();
  errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  kiosk = new KioskPage(page, server.baseUrl);
  await kiosk.goto();
}
beforeEach(() => openKiosk());
afterEach(async () => {
  await context?.close();
});

describe("a citizen at the kiosk (Chromium)", () => {
  it("completes an interview: every answer stored, complete, pending, thank-you, back to start in Danish", async () => {
    expect(await kiosk.heading()).toBe("Hvordan gik dit besøg i dag?");
    expect(await kiosk.start()).toBe("got_help");
    expect(await kiosk.page.locator(".progress p").textContent()).toBe("Spørgsmål 1 af 5");
    expect(await kiosk.answer("yes")).toBe("sent_on");
    expect(await kiosk.answer("yes")).toBe("referred_ok");
    expect(await kiosk.page.locator(".progress p").textContent()).toBe("Spørgsmål 3 af 6");
    expect(await kiosk.answer("no")).toBe("guidance");
    expect(await kiosk.page.locator("[data-answer] svg.smiley").count()).toBe(4);
    expect(await kiosk.answer("good")).toBe("seen_heard");
    expect(await kiosk.answer("yes")).toBe("improve");
    expect(await kiosk.answer("could_be_better")).toBe("improve_reasons");
    await kiosk.toggle("shorter_wait");
    await kiosk.toggle("know_departments");
    expect(await kiosk.next()).toBe("improve_text");
    await kiosk.type("Flere stole i venteområdet");
    await expect.poll(() => kiosk.page.locator(".count").textContent()).toBe("474 tegn tilbage");
    expect(await kiosk.next()).toBe("thanks");

    const [response] = await kiosk.responses();
    expect(response).toMatchObject({
      seq: 1,
      status: "complete",
      syncState: "pending",
      locale: "da",
      questionnaire: 1,
      flags: [],
      answers: {
        got_help: "yes",
        sent_on: "yes",
        referred_ok: "no",
        guidance: "good",
        seen_heard: "yes",
        improve: "could_be_better",
        improve_reasons: ["shorter_wait", "know_departments"],
        improve_text: "Flere stole i venteområdet",
      },
    });
    expect(response?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(response?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(response?.finishedAt).toMatch(/[+-]\d\d:\d\d$/);

    expect(await kiosk.done()).toBe("start");
    await kiosk.answerAll();
    const seqs = (await kiosk.responses()).map((r) => r.seq).sort();
    expect(seqs).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });

  it("writes each answer before the next screen shows", async () => {
    await kiosk.start();
    await kiosk.answer("no");
    const [response] = await kiosk.responses();
    expect(response).toMatchObject({
      status: "in_progress",
      syncState: "local",
      answers: { got_help: "no" },
    });
  });

  it("skip logic: referred_ok only after sent_on = yes; the reasons only after could_be_better", async () => {
    await kiosk.start();
    await kiosk.answer("no");
    expect(await kiosk.answer("no")).toBe("guidance");
    expect(await kiosk.skip()).toBe("seen_heard");
    expect(await kiosk.skip()).toBe("improve");
    expect(await kiosk.answer("nothing")).toBe("thanks");
    const [response] = await kiosk.responses();
    expect(response?.answers).toEqual({ got_help: "no", sent_on: "no", improve: "nothing" });
  });

  it("back-and-change: changing sent_on to no removes referred_ok", async () => {
    await kiosk.start();
    await kiosk.answer("yes");
    await kiosk.answer("yes");
    expect(await kiosk.answer("yes")).toBe("guidance");
    expect(await kiosk.back()).toBe("referred_ok");
    expect(await kiosk.page.locator('[data-answer="yes"]').getAttribute("aria-pressed")).toBe(
      "true",
    );
    expect(await kiosk.back()).toBe("sent_on");
    expect(await kiosk.answer("no")).toBe("guidance");
    expect((await kiosk.responses())[0]?.answers).toEqual({ got_help: "yes", sent_on: "no" });
    await kiosk.answer("very_good");
    await kiosk.answer("yes");
    await kiosk.answer("nothing");
    expect((await kiosk.responses())[0]).toMatchObject({
      status: "complete",
      answers: {
        got_help: "yes",
        sent_on: "no",
        guidance: "very_good",
        seen_heard: "yes",
        improve: "nothing",
      },
    });
  });

  it("back from the first question returns to start and keeps the empty interview as abandoned", async () => {
    await kiosk.start();
    expect(await kiosk.back()).toBe("start");
    expect((await kiosk.responses())[0]).toMatchObject({ status: "abandoned", answers: {} });
  });
});

describe("idle and misuse", () => {
  it("idle: the prompt, then the answers so far kept as abandoned, back to start in Danish", async () => {
    await context.close();
    await openKiosk({ ...testConfig, idleMs: 600, promptMs: 800 });
    await kiosk.chooseLanguage("en");
    await kiosk.start();
    await kiosk.answer("yes");
    await kiosk.answer("no");
    await kiosk.page.locator('[role="alertdialog"]').waitFor();
    expect(await kiosk.page.locator('[role="alertdialog"] h2').textContent()).toBe(
      "Are you still there?",
    );
    await kiosk.page.locator('[data-action="start"]').waitFor({ timeout: 5_000 });
    expect(await kiosk.heading()).toBe("Hvordan gik dit besøg i dag?");
    const [response] = await kiosk.responses();
    expect(response).toMatchObject({
      status: "abandoned",
      syncState: "pending",
      locale: "en",
      answers: { got_help: "yes", sent_on: "no" },
    });
    expect(response?.finishedAt).not.toBeNull();
  });

  it("idle: «continue» gives the citizen more time", async () => {
    await context.close();
    await openKiosk({ ...testConfig, idleMs: 500, promptMs: 1_500 });
    await kiosk.start();
    await kiosk.page.locator('[data-action="continue"]').click();
    expect(await kiosk.screen()).toBe("got_help");
    expect((await kiosk.responses())[0]?.status).toBe("in_progress");
  });

  it("flags an interview finished faster than anyone can read as suspect, and keeps it", async () => {
    await context.close();
    await openKiosk({ ...testConfig, minMsPerAnswer: 5_000 });
    await kiosk.answerAll();
    expect((await kiosk.responses())[0]).toMatchObject({ status: "complete", flags: ["suspect"] });
  });

  it("flags a burst of starts as suspect", async () => {
    await context.close();
    await openKiosk({ ...testConfig, burstStarts: 2, burstWindowMs: 60_000 });
    for (let i = 0; i < 3; i += 1) {
      await kiosk.start();
      await kiosk.back();
    }
    const flags = (await kiosk.responses()).sort((a, b) => a.seq - b.seq).map((r) => r.flags);
    expect(flags).toEqual([[], [], ["suspect"]]);
  });
});
