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

/** Builds each front end whose sources changed since its last build (or that was never built). */
export async function buildFrontendsIfStale(
  logger: Logger,
  options: { force?: boolean } = {},
): Promise<string[]> {
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
    await build({ configFile: path.join(projectRoot, frontend.configFile), logLevel: "warn" });
    fs.writeFileSync(path.join(distDir, frontend.name, stampFile), fingerprint);
    logger.info({ frontend: frontend.name, ms: Date.now() - started }, "front end built");
    built.push(frontend.name);
  }
  return built;
}
