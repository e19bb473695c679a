import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { launchChromium } from "./browser.ts";
import { faultKinds, runFaultRounds } from "./sync-faults/scenarios.ts";

let db: TestDatabase;
let browser: Browser;

beforeAll(async () => {
  db = await createTestDatabase();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await db?.drop();
});

// A few rounds here; `npx tsx tests/bench/soak-sync.ts` runs many with other seeds.
const seed = Number(process.env.SYNC_FAULT_SEED ?? 20151123);

describe("every answer reaches PostgreSQL exactly once, whatever fails", () => {
  it(`survives offline, a killed server, lost replies, reloads and terminated backends (seed ${seed})`, async () => {
    const result = await runFaultRounds({
      browser,
      pool: db.pool,
      databaseUrl: db.url,
      seed,
      rounds: 5,
      faults: [...faultKinds, "terminate"],
    });
    expect(result.rounds.map((r) => r.fault).sort()).toEqual([
      "drop",
      "kill",
      "offline",
      "reload",
      "terminate",
    ]);
    expect(result.problems).toEqual([]);
    expect(result.storedResponses).toBe(result.kioskResponses);
    expect(result.kioskResponses).toBeGreaterThan(100);
    // A dropped reply means the server had stored the batch: the resend must come back duplicate.
    for (const round of result.rounds.filter((r) => r.fault === "drop"))
      expect(round.duplicates).toBeGreaterThan(0);
  });
});
