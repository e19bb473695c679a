import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../sync-server/free-port.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { runScript } from "../helpers/run-script.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-demo-url-"));
const servers: ServerProcess[] = [];
const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const server of servers) server.child.kill("SIGKILL");
  for (const db of databases) await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Whole processes (servers, CLIs, clusters) on a shared machine: a hang guard, not a speed target.
const slowProcessesMs = 300_000;

describe("npm run demo prints the address that works", { timeout: slowProcessesMs }, () => {
  it("names the running server's port, even when the demo's own PORT differs", async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const port = await freePort();
    const server = await startServerProcess({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
    });
    servers.push(server);
    const demo = await runScript("sync-server/bin/demo.ts", [], {
      env: { DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: "" },
    });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(`Log in at http://localhost:${port}/dashboard/`);
    expect(demo.stdout).not.toContain("localhost:8080");
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  it("with no server running, names the port npm start will use with this PORT", async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const port = await freePort();
    const demo = await runScript("sync-server/bin/demo.ts", [], {
      env: { DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: String(port) },
    });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(`then log in at http://localhost:${port}/dashboard/`);
  });
});
