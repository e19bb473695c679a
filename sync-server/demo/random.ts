/** A small seeded generator (mulberry32), so a demo is the same every time for the same seed. */
export type Random = {
  next(): number;
  chance(p: number): boolean;
  int(min: number, maxInclusive: number): number;
  pick<T>(weighted: readonly (readonly [T, number])[]): T;
  poisson(mean: number): number;
};

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick(weighted) {
      const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of weighted) {
        roll -= weight;
        if (roll < 0) return value;
      }
      // Rounding can leave a sliver past the last weight: that belongs to the last choice.
      const last = weighted[weighted.length - 1];
      if (!last) throw new Error("pick needs at least one choice");
      return last[0];
    },
    poisson(mean) {
      // Knuth's method is fine for the means a service desk sees (< 100 a day).
      const limit = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k += 1;
        p *= next();
      } while (p > limit);
      return k - 1;
    },
  };
}
