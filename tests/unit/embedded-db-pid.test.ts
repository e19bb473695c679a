import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { processAlive, runningClusterPort } from "../../sync-server/embedded-db.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A data folder whose postmaster.pid names pid on port. */
function dataDirNaming(pid: number, port: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-pid-"));
  fs.mkdirSync(path.join(dir, "postgres"));
  // PostgreSQL's layout: pid, data dir, start time, port, socket dir, listen address, …
  fs.writeFileSync(
    path.join(dir, "postgres", "postmaster.pid"),
    [pid, path.join(dir, "postgres"), "1764633600", port, "/tmp", "127.0.0.1", "0 0", "ready"].join(
      "\n",
    ),
  );
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An exited process nobody reaps: `sleep 0` whose parent exec'd into `sleep 30`. */
async function zombiePid(): Promise<number> {
  const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 30"]);
  cleanups.push(() => parent.kill("SIGKILL"));
  const pid = await new Promise<number>((resolve) =>
    parent.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  await expect
    .poll(() => fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0])
    .toBe("Z");
  return pid;
}

describe("runningClusterPort", () => {
  it("names the port of a postmaster that runs", () => {
    expect(runningClusterPort(dataDirNaming(process.pid, 54321))).toBe(54321);
  });

  it("takes a zombie postmaster (SIGKILLed, not yet reaped) for not running", async () => {
    const pid = await zombiePid();
    // kill(pid, 0) still succeeds on it: that is what the old check relied on.
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(processAlive(pid)).toBe(false);
    expect(runningClusterPort(dataDirNaming(pid, 54321))).toBeUndefined();
  });

  it("takes a pid that no longer exists for not running", async () => {
    const child = spawn("true");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(runningClusterPort(dataDirNaming(child.pid ?? 0, 54321))).toBeUndefined();
  });
});
