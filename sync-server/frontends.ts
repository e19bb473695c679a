import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "./logger.ts";

export const projectRoot = fileURLToPath(new URL("../", import.meta.url));
export const distDir = path.join(projectRoot, "dist");

type Frontend = { name: "kiosk" | "dashboard"; configFile: string; sources: string[] };

export const frontends: readonly Frontend[] = [
  {
    name: "kiosk",
    configFile: "kiosk/vite.config.ts",
    sources: ["kiosk", "shared", "package-lock.json"],
  },
  {
    name: "dashboard",
    configFile: "sync-server/dashboard/vite.config.ts",
    sources: ["sync-server/dashboard", "shared", "package-lock.json"],
  },
];

const stampFile = ".build-stamp";

function listFiles(entry: string): string[] {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [entry];
  return fs
    .readdirSync(entry)
    .filter((name) => name !== "node_modules" && !name.startsWith("."))
    .flatMap((name) => listFiles(path.join(entry, name)));
}

/** A fingerprint of everything a front end is built from: content, not timestamps (git resets those). */
export function sourceFingerprint(frontend: Frontend): string {
  const hash = createHash("sha256");
  for (const file of frontend.sources
    .flatMap((source) => listFiles(path.join(projectRoot, source)))
    .sort()) {
    hash
      .update(path.relative(projectRoot, file))
      .update("\0")
      .update(fs.readFileSync(file))
      .update("\0");
  }
  return hash.digest("hex");
}

function builtFingerprint(frontend: Frontend): string | undefined {
  try {
    return fs.readFileSync(path.join(distDir, frontend.name, stampFile), "utf8");
  } catch {
    return undefined;
  }
}

export function staleFrontends(): Frontend[] {
  return frontends.filter((frontend) => builtFingerprint(frontend) !== sourceFingerprint(frontend));
}

/**
 * For the server: builds stale front ends in a child process, so Vite's few hundred MB are
 * given back to the OS before the server starts serving instead of staying in its heap.
 */
export async function ensureFrontendsBuilt(logger: Logger): Promise<void> {
  const stale = staleFrontends();
  if (stale.length === 0) return;
  logger.info(
    { frontends: stale.map((f) => f.name) },
    "building front ends (sources changed since the last build)",
  );
  const { spawn } = await import("node:child_process");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(projectRoot, "sync-server/bin/build.ts")],
      {
        cwd: projectRoot,
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`building the front ends failed (exit ${code})`)),
    );
  });
}

const lockDir = path.join(distDir, ".building");
const lockStaleMs = 10 * 60 * 1000;

/**
 * One build at a time per checkout (two servers or test files starting together would
 * otherwise write the same dist/ at once). A lock left by a killed build expires.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(distDir, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      const age =
        Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > lockStaleMs) fs.rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds each front end whose sources changed since its last build (or that was never built). */
export function buildFrontendsIfStale(
  logger: Logger,
  options: { force?: boolean } = {},
): Promise<string[]> {
  return withBuildLock(() => buildStale(logger, options));
}

async function buildStale(logger: Logger, options: { force?: boolean }): Promise<string[]> {
  const built: string[] = [];
  for (const frontend of frontends) {
    const fingerprint = sourceFingerprint(frontend);
    if (!options.force && builtFingerprint(frontend) === fingerprint) continue;
    const started = Date.now();
    logger.info(
      { frontend: frontend.name },
      "building front end (sources changed since the last build)",
    );
    // Vite is a build tool: loaded only when a build is needed, so a prebuilt install can omit it.
    const { build } = await import("vite");
    // Always a production build: vitest sets NODE_ENV=test, which would otherwise give a test
    // that builds the apps React's development bundle.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({
        configFile: path.join(projectRoot, frontend.configFile),
        logLevel: "warn",
        mode: "production",
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    fs.writeFileSync(path.join(distDir, frontend.name, stampFile), fingerprint);
    logger.info({ frontend: frontend.name, ms: Date.now() - started }, "front end built");
    built.push(frontend.name);
  }
  return built;
}
