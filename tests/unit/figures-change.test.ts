import { describe, expect, it } from "vitest";
import { holm, midP } from "../../shared/change-test.ts";
import { type Counts, countsWith, sumCounts } from "../../shared/counts.ts";
import { disclosureDefault } from "../../shared/disclosure.ts";
import { todayFigures } from "../../sync-server/reports/today.ts";

const noTargets = { got_help: null, guided_well: null, seen_heard: null, nothing_to_improve: null };

describe("the exact change test", () => {
  it("does not call 9 of 11 against 49 of 50 a change (the z-test did: z = −2.25)", () => {
    const p = midP({ count: 9, n: 11 }, { count: 49, n: 50 }) ?? 0;
    expect(p).toBeGreaterThan(0.05);
    expect(p).toBeLessThan(0.1);
  });

  it("matches Fisher's mid-p on a textbook table", () => {
    // 3 of 10 against 9 of 10: X ~ Hypergeometric(20, 12, 10); C(20,12) = 125 970 tables,
    // P(X = 2) = 45/125 970, P(X = 3) = 1200/125 970; mid-p = 2 (45 + 1200/2) / 125 970.
    const p = midP({ count: 3, n: 10 }, { count: 9, n: 10 }) ?? 0;
    expect(p).toBeCloseTo((2 * (45 + 600)) / 125_970, 12);
  });

  it("is symmetric, 1 for identical shares, null without answers or variation", () => {
    expect(midP({ count: 30, n: 50 }, { count: 80, n: 100 })).toBeCloseTo(
      midP({ count: 80, n: 100 }, { count: 30, n: 50 }) ?? -1,
      10,
    );
    expect(midP({ count: 5, n: 10 }, { count: 50, n: 100 })).toBeCloseTo(1, 6);
    expect(midP({ count: 0, n: 0 }, { count: 5, n: 9 })).toBeNull();
    expect(midP({ count: 10, n: 10 }, { count: 90, n: 90 })).toBeNull();
  });

  it("stays accurate for large periods (Stirling beyond 10 000)", () => {
    const p = midP({ count: 400, n: 500 }, { count: 12_000, n: 15_000 }) ?? -1;
    expect(p).toBeGreaterThan(0.9);
    expect(midP({ count: 300, n: 500 }, { count: 12_000, n: 15_000 }) ?? 1).toBeLessThan(1e-10);
  });

  it("adjusts a family by Holm's step-down method", () => {
    expect(holm([0.01, 0.04, null, 0.03])).toEqual([0.03, 0.06, null, 0.06]);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });
});

/** mulberry32: a small seeded generator, so the simulation is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const lnFactorials: number[] = [0];
function lnFactorial(n: number): number {
  for (let i = lnFactorials.length; i <= n; i += 1) {
    lnFactorials.push((lnFactorials[i - 1] ?? 0) + Math.log(i));
  }
  return lnFactorials[n] ?? 0;
}

/** Binomial(n, p)'s cumulative distribution, computed once per (n, p) in log space. */
const cdfs = new Map<string, Float64Array>();
function cdfOf(n: number, p: number): Float64Array {
  const key = `${n}:${p}`;
  const known = cdfs.get(key);
  if (known) return known;
  const cdf = new Float64Array(n + 1);
  let total = 0;
  for (let k = 0; k <= n; k += 1) {
    total += Math.exp(
      lnFactorial(n) -
        lnFactorial(k) -
        lnFactorial(n - k) +
        k * Math.log(p) +
        (n - k) * Math.log1p(-p),
    );
    cdf[k] = total;
  }
  cdfs.set(key, cdf);
  return cdf;
}

/** An exact Binomial(n, p) draw by inversion: the first k whose CDF reaches a uniform draw. */
function binomial(next: () => number, n: number, p: number): number {
  const cdf = cdfOf(n, p);
  const u = next() * (cdf[n] ?? 1);
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cdf[mid] ?? 1) < u) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The study's shares: got help 83 %, guided well 93 %, seen and heard 95 %, nothing 77 %. */
const shares = { got_help: 0.83, guidance: 0.93, seen_heard: 0.95, improve: 0.77 };

function countsOf(next: () => number, n: number, scale = 1): Counts {
  const m = n * scale;
  const yes = {
    got_help: binomial(next, m, shares.got_help),
    guidance: binomial(next, m, shares.guidance),
    seen_heard: binomial(next, m, shares.seen_heard),
    improve: binomial(next, m, shares.improve),
  };
  return countsWith({
    responses: m,
    answers: {
      got_help: { yes: yes.got_help, no: m - yes.got_help },
      guidance: { good: yes.guidance, poor: m - yes.guidance },
      seen_heard: { yes: yes.seen_heard, no: m - yes.seen_heard },
      improve: { nothing: yes.improve, could_be_better: m - yes.improve },
    },
  });
}

const add = (a: Counts, b: Counts): Counts => sumCounts([a, b]);

describe("under no change, at most 5 % of days show any arrow on I dag (simulation)", () => {
  const days = 2000;
  for (const n of [5, 10, 20, 30, 50, 100, 200, 500]) {
    // The work is fixed (seeded draws); the timeout only spares a loaded machine.
    it(`today's n = ${n}`, { timeout: 60_000 }, () => {
      const next = random(1000 + n);
      let withArrow = 0;
      let withNaiveArrow = 0;
      for (let day = 0; day < days; day += 1) {
        // Every day of the 30 is like today: no change at all.
        const today = countsOf(next, n);
        const last7 = countsOf(next, n, 7);
        const last30 = add(last7, countsOf(next, n, 23));
        const { figures } = todayFigures({ today, last7, last30 }, disclosureDefault, noTargets);
        const arrows = Object.values(figures).flatMap((f) => [f.change7, f.change30]);
        if (arrows.some((arrow) => arrow !== null)) withArrow += 1;
        // What the page would show without Holm and the usikker rule: raw p below 5 %.
        const raw = Object.values(figures).flatMap((f) => [f.test7.pValue, f.test30.pValue]);
        if (raw.some((p) => p !== null && p < 0.05)) withNaiveArrow += 1;
        expect(
          Object.values(figures).every(
            (f) => !f.today.uncertain || (f.change7 === null && f.change30 === null),
          ),
        ).toBe(true);
      }
      process.stdout.write(
        `n=${n}: ${((100 * withArrow) / days).toFixed(1)} % of days with an arrow (raw tests: ${((100 * withNaiveArrow) / days).toFixed(1)} %)\n`,
      );
      expect(withArrow / days).toBeLessThanOrEqual(0.05);
      // The family correction is what keeps it there: eight raw tests alone would not.
      if (n >= 30) expect(withNaiveArrow / days).toBeGreaterThan(0.05);
    });
  }
});

describe("a real change still gets its arrow", () => {
  it("60 of 100 today against 83 % in the 30 days before: down", () => {
    const period = (n: number, share: number): Counts =>
      countsWith({
        answers: { got_help: { yes: Math.round(n * share), no: n - Math.round(n * share) } },
      });
    const { figures, method } = todayFigures(
      { today: period(100, 0.6), last7: period(700, 0.83), last30: period(3000, 0.83) },
      disclosureDefault,
      noTargets,
    );
    expect(figures.got_help.change7).toBe("down");
    expect(figures.got_help.change30).toBe("down");
    expect(method).toMatchObject({ familywise: "holm", tests: 2 });
  });

  it("no arrow on an uncertain figure, however large the difference", () => {
    const { figures } = todayFigures(
      {
        today: countsWith({ answers: { got_help: { yes: 2, no: 18 } } }),
        last7: countsWith({ answers: { got_help: { yes: 690, no: 10 } } }),
        last30: countsWith({ answers: { got_help: { yes: 2900, no: 100 } } }),
      },
      disclosureDefault,
      noTargets,
    );
    expect(figures.got_help.today.uncertain).toBe(true);
    expect(figures.got_help.change7).toBeNull();
    expect(figures.got_help.test7.pValue).toBeNull();
  });
});
