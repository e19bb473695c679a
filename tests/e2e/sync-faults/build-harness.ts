import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "vite";
import { projectRoot } from "../../helpers/run-script.ts";

/** Bundles harness.ts (Dexie, the sync engine, zod) into one ES module for the browser. */
export async function buildHarness(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-sync-harness-"));
  await build({
    configFile: false,
    logLevel: "silent",
    root: projectRoot,
    define: { __KIOSK_VERSION__: JSON.stringify("e2e-harness") },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: path.join(projectRoot, "tests/e2e/sync-faults/harness.ts"),
        formats: ["es"],
        fileName: () => "harness.js",
      },
    },
  });
  try {
    return fs.readFileSync(path.join(outDir, "harness.js"), "utf8");
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
