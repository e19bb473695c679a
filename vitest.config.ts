import { defineConfig } from "vitest/config";

/**
 * Three suites, one command. Unit tests need nothing; integration and db tests get a real
 * PostgreSQL (embedded, or TEST_DATABASE_URL) with a migrated template each test file clones;
 * e2e tests drive Debian's Chromium through playwright-core against the real server.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          // A hang guard, not a speed target: scrypt and fake-indexeddb take seconds on a
          // shared, loaded machine (the 5 s default failed there on unchanged code).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/db/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/postgres-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/postgres-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Browsers are heavy on two cores: one e2e file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
