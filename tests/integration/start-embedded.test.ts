import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
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

/**
 * The server's connections (seen by the superuser in pg_stat_activity) use the app role, which
 * owns its database and cannot do what only a superuser can.
 */
async function expectServerConnectsAsAppRole(port: number): Promise<void> {
  const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as {
    user: string;
    password: string;
    app: { user: string; password: string };
  };
  const superuser = new pg.Client({
    host: "127.0.0.1",
    port,
    user: credentials.user,
    password: credentials.password,
    database: "postgres",
  });
  await superuser.connect();
  try {
    const users = await superuser.query<{ usename: string }>(
      `select distinct usename from pg_stat_activity
       where datname = 'borgerpuls' and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    expect(users.rows.map((row) => row.usename)).toEqual([credentials.app.user]);
    const role = await superuser.query(
      `select r.rolsuper, r.rolcreatedb, r.rolcreaterole, d.datdba = r.oid as owns
       from pg_roles r, pg_database d where r.rolname = $1 and d.datname = 'borgerpuls'`,
      [credentials.app.user],
    );
    expect(role.rows[0]).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      owns: true,
    });
  } finally {
    await superuser.end();
  }
  const app = new pg.Client({
    host: "127.0.0.1",
    port,
    user: credentials.app.user,
    password: credentials.app.password,
    database: "borgerpuls",
  });
  app.on("error", () => {});
  await app.connect();
  try {
    // Owns the tables the migrations made (so migrations keep working), but is no superuser.
    const owners = await app.query<{ owner: string }>(
      "select distinct tableowner as owner from pg_tables where schemaname = 'public'",
    );
    expect(owners.rows.map((row) => row.owner)).toEqual([credentials.app.user]);
    await expect(app.query("copy (select 1) to program 'true'")).rejects.toThrow(
      /permission denied|must be superuser|privileges/i,
    );
    await expect(app.query("create database stolen")).rejects.toThrow(/permission denied/i);
  } finally {
    await app.end();
  }
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
    await expectServerConnectsAsAppRole(port ?? 0);
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
