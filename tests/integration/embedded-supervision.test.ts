import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { processAlive } from "../../sync-server/embedded-db.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";

/**
 * The embedded PostgreSQL dies under a running server (SIGKILL of the postmaster), and the
 * whole process group dies at once (a crash, the OOM killer): the server must restart its
 * database, and a restart straight after a crash must come up. Own data folder, own ports.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-supervise-"));
fs.chmodSync(dataDir, 0o755);
const env = { DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0", LOG_LEVEL: "info" };
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop("SIGTERM");
  const pid = postmasterPid();
  if (pid !== undefined && processAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function postmasterPid(): number | undefined {
  try {
    const pid = Number(
      fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0],
    );
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

const restartsOf = async (baseUrl: string) =>
  Number(
    /^borgerpuls_database_restarts (\d+)/m.exec(
      await (await fetch(`${baseUrl}/metrics`)).text(),
    )?.[1],
  );

describe("the embedded PostgreSQL under supervision", () => {
  it("is restarted by the server after its postmaster is SIGKILLed, and counted in /metrics", async () => {
    const server = await startServerProcess(env, { detached: true });
    servers.push(server);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect(await restartsOf(server.baseUrl)).toBe(0);
    const before = postmasterPid();
    if (before === undefined) throw new Error("no postmaster.pid");
    process.kill(before, "SIGKILL");
    // 503 (never a crash) while it is down; ready again once the supervisor restarted it.
    // Ready alone is not enough: right after the SIGKILL an orphaned backend can still answer
    // the readiness query, so wait for the restart to be counted as well.
    await expect
      .poll(
        async () => ({
          ready: (await fetch(`${server.baseUrl}/readyz`)).status,
          restarts: await restartsOf(server.baseUrl),
        }),
        { timeout: 45_000, interval: 250 },
      )
      .toEqual({ ready: 200, restarts: 1 });
    expect(server.child.exitCode).toBeNull();
    expect(postmasterPid()).not.toBe(before);
    expect(server.output()).toMatch(/the embedded PostgreSQL has stopped; restarting it/);
  }, 90_000);

  it("starts right after the server and its PostgreSQL were SIGKILLed together (3 times)", async () => {
    for (let round = 0; round < 3; round++) {
      const [running] = servers.splice(0);
      if (!running?.child.pid) throw new Error("no server from the round before");
      const postmaster = postmasterPid();
      process.kill(-running.child.pid, "SIGKILL");
      await new Promise((resolve) => running.child.once("exit", resolve));
      // No pause: the old postmaster may still be a zombie, its backends still exiting.
      const again = await startServerProcess(env, { detached: true });
      servers.push(again);
      expect((await fetch(`${again.baseUrl}/readyz`)).status).toBe(200);
      expect(postmasterPid()).not.toBe(postmaster);
    }
  }, 90_000);
});
