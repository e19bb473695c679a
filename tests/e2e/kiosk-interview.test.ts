import { describe, expect, it } from "vitest";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import { answerLabel, questionText } from "../../shared/questionnaire-i18n.ts";
import { browserNames } from "./pages/kiosk-driver.ts";
import { setUpKioskEnv } from "./pages/kiosk-env.ts";
import { testConfig } from "./pages/kiosk-page.ts";

/** A citizen's interview, in Chromium and in WebKit (the iPad's engine), one page model. */
const env = setUpKioskEnv();

for (const name of browserNames) {
  describe(`a citizen at the kiosk (${name})`, () => {
    const kiosk = env.useBrowser(name);

    it("completes an interview: every answer stored, complete, pending, thank-you, back to start in Danish", async () => {
      await kiosk().driver.open(testConfig);
      expect(await kiosk().heading()).toBe("Hvordan gik dit besøg i dag?");
      expect(await kiosk().start()).toBe("got_help");
      expect(await kiosk().progress()).toBe("Spørgsmål 1 af 9");
      expect(await kiosk().answer("yes")).toBe("sent_on");
      expect(await kiosk().answer("yes")).toBe("referred_ok");
      expect(await kiosk().progress()).toBe("Spørgsmål 3 af 8");
      expect(await kiosk().answer("no")).toBe("guidance");
      expect(await kiosk().count("[data-answer] svg.smiley")).toBe(4);
      expect(await kiosk().answer("good")).toBe("seen_heard");
      expect(await kiosk().answer("yes")).toBe("improve");
      expect(await kiosk().answer("could_be_better")).toBe("improve_reasons");
      await kiosk().toggle("shorter_wait");
      await kiosk().toggle("know_departments");
      expect(await kiosk().next()).toBe("improve_text");
      await kiosk().type("Flere stole i venteområdet");
      await kiosk().driver.waitFor(
        "return document.querySelector('.count')?.textContent === '474 tegn tilbage';",
      );
      expect(await kiosk().next()).toBe("thanks");

      const [response] = await kiosk().responses();
      expect(response).toMatchObject({
        seq: 1,
        status: "complete",
        syncState: "pending",
        locale: "da",
        questionnaire: questionnaireVersion,
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

      expect(await kiosk().done()).toBe("start");
      await kiosk().answerAll();
      expect((await kiosk().responses()).map((r) => r.seq)).toEqual([1, 2]);
    });

    it("writes each answer before the next screen takes taps", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      await kiosk().answer("no");
      const [response] = await kiosk().responses();
      expect(response).toMatchObject({
        status: "in_progress",
        syncState: "local",
        answers: { got_help: "no" },
      });
    });

    it("skip logic: referred_ok only after sent_on = yes; the reasons only after could_be_better", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      expect(await kiosk().answer("no")).toBe("no_help_reasons");
      expect(await kiosk().skip()).toBe("sent_on");
      expect(await kiosk().answer("no")).toBe("guidance");
      expect(await kiosk().skip()).toBe("seen_heard");
      expect(await kiosk().skip()).toBe("improve");
      expect(await kiosk().answer("nothing")).toBe("thanks");
      const [response] = await kiosk().responses();
      expect(response?.answers).toEqual({ got_help: "no", sent_on: "no", improve: "nothing" });
    });

    it("why not (questionnaire 2): after got_help = no, several reasons, in the citizen's language", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().chooseLanguage("uk");
      await kiosk().start();
      expect(await kiosk().progress()).toMatch(/1.*9/);
      expect(await kiosk().answer("no")).toBe("no_help_reasons");
      expect(await kiosk().heading()).toBe(questionText("no_help_reasons", "uk"));
      expect(await kiosk().text('[data-answer="forgot_mitid"]')).toContain(
        answerLabel("no_help_reasons", "forgot_mitid", "uk"),
      );
      expect(await kiosk().count('[role="checkbox"]')).toBe(4);
      await kiosk().toggle("other_authority");
      await kiosk().toggle("staff_busy");
      expect(await kiosk().next()).toBe("sent_on");
      // Back to got_help and a change to yes: the reasons no longer apply and are dropped.
      expect(await kiosk().back()).toBe("no_help_reasons");
      expect(await kiosk().attribute('[data-answer="staff_busy"]', "aria-checked")).toBe("true");
      expect((await kiosk().responses())[0]?.answers).toEqual({
        got_help: "no",
        no_help_reasons: ["other_authority", "staff_busy"],
      });
      expect(await kiosk().back()).toBe("got_help");
      expect(await kiosk().answer("yes")).toBe("sent_on");
      expect((await kiosk().responses())[0]).toMatchObject({
        questionnaire: 2,
        locale: "uk",
        answers: { got_help: "yes" },
      });
    });

    it("back-and-change: changing sent_on to no removes referred_ok", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      await kiosk().answer("yes");
      await kiosk().answer("yes");
      expect(await kiosk().answer("yes")).toBe("guidance");
      expect(await kiosk().back()).toBe("referred_ok");
      expect(await kiosk().attribute('[data-answer="yes"]', "aria-checked")).toBe("true");
      expect(await kiosk().attribute('[data-answer="no"]', "aria-checked")).toBe("false");
      expect(await kiosk().back()).toBe("sent_on");
      expect(await kiosk().answer("no")).toBe("guidance");
      expect((await kiosk().responses())[0]?.answers).toEqual({ got_help: "yes", sent_on: "no" });
      await kiosk().answer("very_good");
      await kiosk().answer("yes");
      await kiosk().answer("nothing");
      expect((await kiosk().responses())[0]).toMatchObject({
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

    it("back from the first question after answering it keeps that answer as abandoned", async () => {
      await kiosk().driver.open(testConfig);
      await kiosk().start();
      await kiosk().answer("yes");
      expect(await kiosk().back()).toBe("got_help");
      expect(await kiosk().back()).toBe("start");
      expect((await kiosk().responses())[0]).toMatchObject({
        status: "abandoned",
        answers: { got_help: "yes" },
      });
    });
  });

  describe(`idle and misuse (${name})`, () => {
    const kiosk = env.useBrowser(name);

    it("idle: the prompt, then the answers so far kept as abandoned, back to start in Danish", async () => {
      // idleMs also returns an unused language to Danish: long enough to pick one and start.
      await kiosk().driver.open({ ...testConfig, idleMs: 3_000, promptMs: 800 });
      await kiosk().chooseLanguage("en");
      await kiosk().start();
      await kiosk().answer("yes");
      await kiosk().answer("no");
      await kiosk().waitFor('[role="alertdialog"]');
      expect(await kiosk().text('[role="alertdialog"] h2')).toBe("Are you still there?");
      await kiosk().waitFor('[data-action="start"]', 5_000);
      expect(await kiosk().heading()).toBe("Hvordan gik dit besøg i dag?");
      const [response] = await kiosk().responses();
      expect(response).toMatchObject({
        status: "abandoned",
        syncState: "pending",
        locale: "en",
        answers: { got_help: "yes", sent_on: "no" },
      });
      expect(response?.finishedAt).not.toBeNull();
    });

    it("idle: «continue» gives the citizen more time", async () => {
      await kiosk().driver.open({ ...testConfig, idleMs: 2_500, promptMs: 20_000 });
      await kiosk().start();
      await kiosk().answer("yes");
      await kiosk().waitFor('[data-action="continue"]');
      await kiosk().waitForSettled();
      await kiosk().tapNow('[data-action="continue"]');
      await kiosk().driver.waitFor("return !document.querySelector('[data-screen=\"idle\"]');");
      expect(await kiosk().screen()).toBe("sent_on");
      expect((await kiosk().responses())[0]?.status).toBe("in_progress");
    });

    it("flags an interview finished faster than anyone can read as suspect, and keeps it", async () => {
      await kiosk().driver.open({ ...testConfig, minMsPerAnswer: 1_500 });
      await kiosk().answerAll();
      expect((await kiosk().responses())[0]).toMatchObject({
        status: "complete",
        flags: ["suspect"],
      });
    });
  });
}
