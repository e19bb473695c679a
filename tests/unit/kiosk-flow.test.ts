import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../kiosk/app/config.ts";
import { askedQuestions, nextQuestion, progress, withAnswer } from "../../kiosk/app/flow.ts";
import { isBurst, isTooFast } from "../../kiosk/app/misuse.ts";

describe("the interview path", () => {
  it("asks referred_ok only after sent_on = yes, and the reasons only after could_be_better", () => {
    expect(askedQuestions({}).map((q) => q.code)).toEqual([
      "got_help",
      "sent_on",
      "guidance",
      "seen_heard",
      "improve",
    ]);
    expect(nextQuestion("sent_on", { sent_on: "yes" })).toBe("referred_ok");
    expect(nextQuestion("sent_on", { sent_on: "no" })).toBe("guidance");
    expect(nextQuestion("improve", { improve: "nothing" })).toBeUndefined();
    expect(nextQuestion("improve", { improve: "could_be_better" })).toBe("improve_reasons");
    expect(nextQuestion("improve_reasons", { improve: "could_be_better" })).toBe("improve_text");
    expect(nextQuestion("improve_text", { improve: "could_be_better" })).toBeUndefined();
  });

  it("counts progress along the citizen's own path", () => {
    expect(progress("got_help", {})).toEqual({ step: 1, total: 5 });
    expect(progress("referred_ok", { sent_on: "yes" })).toEqual({ step: 3, total: 6 });
    expect(progress("improve_text", { sent_on: "yes", improve: "could_be_better" })).toEqual({
      step: 8,
      total: 8,
    });
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
  it("too fast is under minMsPerAnswer per answered question", () => {
    expect(isTooFast(0, 4_999, 5, config)).toBe(true);
    expect(isTooFast(0, 5_000, 5, config)).toBe(false);
    expect(isTooFast(0, 10, 0, config)).toBe(false);
  });
});

describe("config", () => {
  it("defaults to the issue's timings: 45 s idle, 20 s more (WCAG 2.2.1), 3 s long press", () => {
    expect(parseConfig(null)).toMatchObject({
      idleMs: 45_000,
      promptMs: 20_000,
      longPressMs: 3_000,
    });
  });
  it("takes valid numbers from the override and ignores everything else", () => {
    expect(parseConfig('{"idleMs":500,"promptMs":"soon","nope":1,"thanksMs":-1}')).toEqual({
      ...defaultConfig,
      idleMs: 500,
    });
    expect(parseConfig("not json")).toEqual(defaultConfig);
  });
});
