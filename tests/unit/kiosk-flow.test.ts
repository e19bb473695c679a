import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../kiosk/app/config.ts";
import {
  askedQuestions,
  firstQuestion,
  nextQuestion,
  progress,
  withAnswer,
} from "../../kiosk/app/flow.ts";
import { humanMsPerAnswer, isBurst, isSuspect } from "../../kiosk/app/misuse.ts";
import { type QuestionCode, questionByCode } from "../../shared/questionnaire.ts";
import type { Answers } from "../../shared/response.ts";

describe("the interview path", () => {
  it("asks referred_ok only after sent_on = yes, and the reasons only after could_be_better", () => {
    expect(askedQuestions({}).map((q) => q.code)).toEqual([
      "got_help",
      "sent_on",
      "guidance",
      "seen_heard",
      "improve",
    ]);
    expect(nextQuestion("got_help", { got_help: "yes" })).toBe("sent_on");
    expect(nextQuestion("got_help", {})).toBe("sent_on");
    expect(nextQuestion("got_help", { got_help: "no" })).toBe("no_help_reasons");
    expect(nextQuestion("no_help_reasons", { got_help: "no" })).toBe("sent_on");
    expect(nextQuestion("sent_on", { sent_on: "yes" })).toBe("referred_ok");
    expect(nextQuestion("sent_on", { sent_on: "no" })).toBe("guidance");
    expect(nextQuestion("improve", { improve: "nothing" })).toBeUndefined();
    expect(nextQuestion("improve", { improve: "could_be_better" })).toBe("improve_reasons");
    expect(nextQuestion("improve_reasons", { improve: "could_be_better" })).toBe("improve_text");
    expect(nextQuestion("improve_text", { improve: "could_be_better" })).toBeUndefined();
  });

  it("counts progress against the longest path still possible", () => {
    expect(progress("got_help", {})).toEqual({ step: 1, total: 9 });
    expect(progress("no_help_reasons", { got_help: "no" })).toEqual({ step: 2, total: 9 });
    expect(progress("sent_on", { got_help: "yes" })).toEqual({ step: 2, total: 8 });
    expect(progress("referred_ok", { sent_on: "yes" })).toEqual({ step: 3, total: 8 });
    expect(progress("guidance", { sent_on: "no" })).toEqual({ step: 3, total: 7 });
    // Back on sent_on after answering it: its answer may still change, so referred_ok may come.
    expect(progress("sent_on", { sent_on: "no" })).toEqual({ step: 2, total: 8 });
    expect(progress("improve_text", { sent_on: "yes", improve: "could_be_better" })).toEqual({
      step: 8,
      total: 8,
    });
  });

  it("on any path, progress never goes backwards and says 'N af N' only on the last question", () => {
    // One choice per question: an answer index, or -1 to skip.
    const choices = fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 9, maxLength: 9 });
    fc.assert(
      fc.property(choices, (picks) => {
        let answers: Answers = {};
        let code: QuestionCode | undefined = firstQuestion();
        const seen: { step: number; total: number }[] = [];
        for (let i = 0; code; i += 1) {
          seen.push(progress(code, answers));
          const question = questionByCode(code);
          const pick = picks[i] ?? -1;
          const options = question.kind === "text" ? ["text"] : question.answers.map((a) => a.code);
          const value = pick < 0 ? undefined : options[pick % options.length];
          answers = withAnswer(answers, code, question.kind === "multi" && value ? [value] : value);
          code = nextQuestion(code, answers);
        }
        seen.forEach((now, i) => {
          expect(now.step).toBe(i + 1);
          const before = seen[i - 1];
          if (before) {
            expect(now.total).toBeLessThanOrEqual(before.total);
            expect(now.step / now.total).toBeGreaterThan(before.step / before.total);
          }
          if (i < seen.length - 1) expect(now.step).toBeLessThan(now.total);
        });
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("asks why not only after got_help = no, and forgets the reasons when it becomes yes", () => {
    const why = withAnswer({ got_help: "no" }, "no_help_reasons", ["forgot_mitid", "staff_busy"]);
    expect(why).toEqual({ got_help: "no", no_help_reasons: ["forgot_mitid", "staff_busy"] });
    expect(withAnswer(why, "got_help", "yes")).toEqual({ got_help: "yes" });
    // Skippable: nothing ticked is no answer at all.
    expect(withAnswer({ got_help: "no" }, "no_help_reasons", [])).toEqual({ got_help: "no" });
  });

  it("changing sent_on to no removes referred_ok; nothing removes the reasons and the text", () => {
    const answers = { got_help: "yes", sent_on: "yes", referred_ok: "no" } as const;
    expect(withAnswer(answers, "sent_on", "no")).toEqual({ got_help: "yes", sent_on: "no" });
    expect(
      withAnswer(
        { improve: "could_be_better", improve_reasons: ["other"], improve_text: "x" },
        "improve",
        "nothing",
      ),
    ).toEqual({ improve: "nothing" });
  });

  it("skipping removes an earlier answer; unknown codes, empty lists and blank text are no answer", () => {
    expect(withAnswer({ got_help: "yes" }, "got_help", undefined)).toEqual({});
    expect(withAnswer({}, "got_help", "maybe")).toEqual({});
    const asked = { improve: "could_be_better" } as const;
    expect(withAnswer(asked, "improve_reasons", [])).toEqual(asked);
    expect(withAnswer(asked, "improve_reasons", ["other", "bogus", "shorter_wait"])).toEqual({
      ...asked,
      improve_reasons: ["shorter_wait", "other"],
    });
    expect(withAnswer(asked, "improve_text", "   ")).toEqual(asked);
    expect(withAnswer(asked, "improve_text", "x".repeat(600)).improve_text).toHaveLength(500);
  });
});

describe("misuse rules", () => {
  const config = { burstStarts: 3, burstWindowMs: 20_000, minMsPerAnswer: 1_000 };
  it("a burst is that many earlier starts inside the window", () => {
    const now = 100_000;
    expect(isBurst([now - 1_000, now - 2_000], now, config)).toBe(false);
    expect(isBurst([now - 1_000, now - 2_000, now - 19_000], now, config)).toBe(true);
    expect(isBurst([now - 1_000, now - 2_000, now - 21_000], now, config)).toBe(false);
    expect(isBurst([now, now, now], now, { ...config, burstStarts: 0 })).toBe(false);
  });
  it("too fast is under minMsPerAnswer per answered question; in a burst, under the human pace", () => {
    const pace = (ms: number, answered: number) => ({ startedMs: 0, endedMs: ms, answered });
    expect(isSuspect(pace(4_999, 5), false, config)).toBe(true);
    expect(isSuspect(pace(5_000, 5), false, config)).toBe(false);
    expect(isSuspect(pace(10, 0), false, config)).toBe(false);
    expect(isSuspect(pace(5_000, 5), true, config)).toBe(true);
    expect(isSuspect(pace(7_500, 5), true, config)).toBe(false);
  });
  it("never flags a human pace, whatever came before and however the rules are set", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: humanMsPerAnswer, max: 60_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1_000_000 }),
        (answered, msPerAnswer, inBurst, minMsPerAnswer) => {
          const pace = { startedMs: 5, endedMs: 5 + answered * msPerAnswer, answered };
          expect(isSuspect(pace, inBurst, { minMsPerAnswer })).toBe(false);
        },
      ),
      { seed: 11 },
    );
  });
});

describe("config", () => {
  it("defaults to the issue's timings: 45 s idle, 20 s more (WCAG 2.2.1), 3 s long press, 400 ms settle", () => {
    expect(parseConfig(null)).toMatchObject({
      idleMs: 45_000,
      promptMs: 20_000,
      longPressMs: 3_000,
      settleMs: 400,
    });
    expect(defaultConfig.promptMs).toBeGreaterThanOrEqual(20_000);
  });
  it("takes valid numbers from the override and ignores everything else", () => {
    expect(parseConfig('{"idleMs":500,"promptMs":"soon","nope":1,"thanksMs":-1}')).toEqual({
      ...defaultConfig,
      idleMs: 500,
    });
    expect(parseConfig("not json")).toEqual(defaultConfig);
  });
});
