import { describe, expect, it } from "vitest";
import { delayAfter, loginThrottlePolicy } from "../../sync-server/login-throttle.ts";
import { createPasswordGate, HashingBusyError } from "../../sync-server/password-gate.ts";

describe("the password gate", () => {
  it("never runs more than its concurrency, and refuses beyond its queue", async () => {
    const gate = createPasswordGate({ concurrency: 2, queue: 3 });
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const work = () =>
      new Promise<void>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        releases.push(() => {
          running -= 1;
          resolve();
        });
      });
    const accepted = Array.from({ length: 5 }, () => gate.run(work));
    await expect(gate.run(work)).rejects.toBeInstanceOf(HashingBusyError);
    expect(gate.load()).toEqual({ running: 2, waiting: 3 });
    let released = 0;
    while (released < 5) {
      const next = releases.shift();
      if (next) {
        next();
        released += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all(accepted);
    expect(most).toBe(2);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("frees its slot when the work fails", async () => {
    const gate = createPasswordGate({ concurrency: 1, queue: 0 });
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe("the log-in slowdown", () => {
  it("lets a few typos through, then doubles the wait up to the cap", () => {
    expect(delayAfter(loginThrottlePolicy.freeFailures - 1)).toBe(0);
    expect(delayAfter(loginThrottlePolicy.freeFailures)).toBe(1);
    expect(delayAfter(loginThrottlePolicy.freeFailures + 1)).toBe(2);
    expect(delayAfter(10_000)).toBe(loginThrottlePolicy.maxDelaySeconds);
  });
});
