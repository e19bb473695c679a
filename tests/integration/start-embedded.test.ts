import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runningClusterPort } from "../../sync-server/embedded-db.ts";
import { runScript } from "../helpers/run-script.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-start-"));
fs.chmodSync(dataDir, 0o755);
const env = { DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0" };
const servers: ServerProcess[] = [];

afterAll(() => {
  for (const server of servers) server.child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function postmastersOn(dir: string): number {
  const out = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return out.split("\n").filter((line) => line.includes("postgres -D") && line.includes(dir))
    .length;
}

describe("npm start on the embedded PostgreSQL", () => {
  let siteId = "";

  it("serves all URL groups, prints them, and lets the admin CLI join its database", async () => {
    const server = await startServerProcess({ ...env, LOG_LEVEL: "info" });
    servers.push(server);
    const { baseUrl, output } = server;
    expect(output()).toMatch(/Dashboard\s+http:\/\/localhost:\d+\/dashboard\//);
    expect(output()).toMatch(/Metrics\s+http:\/\/localhost:\d+\/metrics/);
    const health = await fetch(`${baseUrl}/readyz`);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });
    expect((await fetch(`${baseUrl}/kiosk/`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/dashboard/`)).status).toBe(200);
    expect(await (await fetch(`${baseUrl}/api/v1/`)).json()).toMatchObject({
      name: "Borgerpuls",
      api: "v1",
    });
    expect(await (await fetch(`${baseUrl}/metrics`)).text()).toMatch(
      /borgerpuls_http_requests_total\{[^}]*route="\/readyz"/,
    );

    const port = runningClusterPort(dataDir);
    expect(port).toBeTypeOf("number");
    const site = await runScript(
      "sync-server/bin/admin.ts",
      ["site", "add", "--name", "Borgerservice Test", "--municipality", "Testkommune", "--json"],
      { env },
    );
    expect(site.code, site.stderr).toBe(0);
    siteId = (JSON.parse(site.stdout) as { siteId: string }).siteId;
    // The CLI used the server's PostgreSQL: still one postmaster, on the same port.
    expect(postmastersOn(dataDir)).toBe(1);
    expect(runningClusterPort(dataDir)).toBe(port);

    expect(await server.stop("SIGTERM")).not.toBeNull();
    expect(postmastersOn(dataDir)).toBe(0);
    expect(runningClusterPort(dataDir)).toBeUndefined();
  });

  it("keeps the data across a restart, and stops cleanly on SIGINT", async () => {
    const server = await startServerProcess({ ...env, LOG_LEVEL: "info" });
    servers.push(server);
    const kiosk = await runScript(
      "sync-server/bin/admin.ts",
      ["kiosk", "add", "--site", siteId, "--json"],
      { env },
    );
    expect(kiosk.code, kiosk.stderr).toBe(0);
    expect(JSON.parse(kiosk.stdout)).toMatchObject({ siteId });
    await server.stop("SIGINT");
    expect(postmastersOn(dataDir)).toBe(0);
  });

  it("the admin CLI starts and stops the embedded database itself when no server runs", async () => {
    const user = await runScript(
      "sync-server/bin/admin.ts",
      ["user", "add", "--email", "a@b.dk", "--role", "admin", "--json"],
      { env },
    );
    expect(user.code, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: "a@b.dk", role: "admin" });
    expect(postmastersOn(dataDir)).toBe(0);
  });
});
