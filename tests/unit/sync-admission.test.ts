import { describe, expect, it } from "vitest";
import { createSyncAdmission } from "../../sync-server/http/sync-admission.ts";

function clock() {
  let at = 1_000_000;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe("sync admission", () => {
  it("admits up to maxInFlight at once and frees a place when one is done", () => {
    const time = clock();
    const gate = createSyncAdmission({ maxInFlight: 2, busyRetryAfterSeconds: 2 }, time.now);
    const first = gate.tryAdmit();
    const second = gate.tryAdmit();
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    expect(gate.tryAdmit().admitted).toBe(false);
    if (first.admitted) {
      first.done();
      first.done(); // 'close' and an error path may both call it: counted once
    }
    expect(gate.tryAdmit().admitted).toBe(true);
    expect(gate.tryAdmit().admitted).toBe(false);
  });

  it("gives each refused sync a later turn, paced at the measured time per sync", () => {
    const time = clock();
    const gate = createSyncAdmission({ maxInFlight: 4, busyRetryAfterSeconds: 2 }, time.now);
    // Syncs that take 400 ms each, four at a time: one finishes every 100 ms.
    for (let round = 0; round < 40; round++) {
      const held = Array.from({ length: 4 }, () => gate.tryAdmit());
      for (const admission of held) if (admission.admitted) admission.bodyRead();
      time.advance(400);
      for (const admission of held) if (admission.admitted) admission.done();
    }
    expect(gate.serviceMs()).toBeCloseTo(400, 0);
    for (let i = 0; i < 4; i++) gate.tryAdmit();
    const waits = Array.from({ length: 1000 }, () => {
      const refused = gate.tryAdmit();
      if (refused.admitted) throw new Error("admitted beyond the limit");
      return refused.retryAfterSeconds;
    });
    // A thousand refused at once come back spread over the ~100 s the server needs for them.
    expect(waits[0]).toBe(2);
    expect(waits.at(-1)).toBe(100);
    expect(waits.every((wait, i) => i === 0 || wait >= (waits[i - 1] ?? 0))).toBe(true);
    expect(waits.filter((wait) => wait === 50)).toHaveLength(10);
  });

  it("forgets the queue once its turns have passed, and never says more than ten minutes", () => {
    const time = clock();
    const gate = createSyncAdmission({ maxInFlight: 1, busyRetryAfterSeconds: 3 }, time.now);
    const held = gate.tryAdmit();
    if (held.admitted) held.bodyRead();
    time.advance(60_000);
    if (held.admitted) held.done(); // one slow sync: the estimate grows to 12.04 s
    const busy = gate.tryAdmit();
    let last = 0;
    for (let i = 0; i < 100; i++) {
      const refused = gate.tryAdmit();
      if (!refused.admitted) last = refused.retryAfterSeconds;
    }
    expect(last).toBe(600);
    time.advance(3_600_000);
    const later = gate.tryAdmit();
    expect(later).toMatchObject({ admitted: false, retryAfterSeconds: 13 });
    if (busy.admitted) busy.done();
  });

  it("paces by the server's own work: a slow upload or a body that never came teaches nothing", () => {
    const time = clock();
    const gate = createSyncAdmission({ maxInFlight: 1, busyRetryAfterSeconds: 1 }, time.now);
    // In a burst an admitted body shares the wire with hundreds of refused ones: 20 s to
    // arrive, then 40 ms of work. The turns must follow the 40 ms.
    for (let i = 0; i < 30; i++) {
      const admission = gate.tryAdmit();
      if (!admission.admitted) throw new Error("refused with nothing in flight");
      time.advance(20_000);
      admission.bodyRead();
      time.advance(40);
      admission.done();
    }
    expect(gate.serviceMs()).toBeCloseTo(40, 0);
    // A client that went away before its body was in: no measurement at all.
    const abandoned = gate.tryAdmit();
    time.advance(30_000);
    if (abandoned.admitted) abandoned.done();
    expect(gate.serviceMs()).toBeCloseTo(40, 0);
  });
});
