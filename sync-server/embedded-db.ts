import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { type AppRole, ensureAppRole, handOverObjects } from "./embedded-db-role.ts";
import { freePort } from "./free-port.ts";
import type { Logger } from "./logger.ts";
import { canReach, postgresAccount } from "./postgres-account.ts";
import { PostgresCluster } from "./postgres-cluster.ts";
import { clusterDidNotStart, unreachableByPostgres } from "./start-failure.ts";

/** Where the embedded cluster keeps its files inside DATA_DIR. */
const clusterDirName = "postgres";
/** Names the cluster's folder when the postgres user cannot reach DATA_DIR (root, 0700 home). */
const locationFileName = "postgres-location";

/** Where the cluster of dataDir lives: DATA_DIR/postgres, or where postgres-location says. */
export function clusterDirOf(dataDir: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, locationFileName), "utf8").trim();
  } catch {
    return path.join(dataDir, clusterDirName);
  }
}

/**
 * A new cluster goes into DATA_DIR when the postgres user can reach it; else into a folder of
 * its own under runtimeDir, which DATA_DIR then names (one line in postgres-location).
 */
function placeCluster(dataDir: string, runtimeDir: string): string {
  const current = clusterDirOf(dataDir);
  if (fs.existsSync(path.join(current, "PG_VERSION"))) return current;
  if (canReach(postgresAccount(), dataDir)) return current;
  const clustersDir = path.join(runtimeDir, "clusters");
  try {
    fs.mkdirSync(clustersDir, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw unreachableByPostgres("the database cluster's folder", clustersDir, error);
  }
  // Checked before initdb: otherwise it dies with an EACCES stack trace (issue 15).
  if (!canReach(postgresAccount(), clustersDir))
    throw unreachableByPostgres("the database cluster's folder", clustersDir);
  const clusterDir = path.join(clustersDir, randomBytes(8).toString("hex"));
  fs.writeFileSync(path.join(dataDir, locationFileName), `${clusterDir}\n`);
  return clusterDir;
}
const credentialsFileName = "postgres.json";

/** The superuser (cluster administration only) and the role the server connects as. */
type Credentials = { user: string; password: string; app: AppRole };

const appRoleName = "borgerpuls_app";

export type DatabaseHandle = {
  url: string;
  /** True when this process started PostgreSQL and must stop it. */
  owned: boolean;
  /** How often the supervisor restarted PostgreSQL after it died. */
  restarts(): number;
  stop(): Promise<void>;
};

function databaseUrl(credentials: AppRole, port: number, database = "borgerpuls"): string {
  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

/**
 * True while the process exists and has not exited. kill(pid, 0) alone also succeeds on a
 * zombie (exited, not yet reaped), which is what a SIGKILLed postmaster is for a moment: taken
 * for a running server, a restart would join a port nobody listens on.
 */
export function processAlive(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; comm may contain spaces or ")", so read after the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X" && state !== "x";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
  }
  // No /proc (not Linux): the signal test is the best there is.
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user when we run as root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(
      fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0],
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL's own postmaster.pid names the running server's pid (line 1) and port (line 4);
 * reading it lets the admin CLI and the demo join a server started by `npm start`
 * instead of starting a second postmaster on the same data.
 */
export function runningClusterPort(dataDir: string): number | undefined {
  const pidFile = path.join(clusterDirOf(dataDir), "postmaster.pid");
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
  const stored = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Credentials> & AppRole)
    : { user: "postgres", password: randomBytes(18).toString("base64url") };
  if (stored.app) return { ...stored, app: stored.app };
  // First run, or an installation from before the app role: add it (created at the next start).
  const credentials = {
    ...stored,
    app: { user: appRoleName, password: randomBytes(18).toString("base64url") },
  };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Root cannot run PostgreSQL; the cluster runs as `postgres`, which must be able to reach its folder. */
function prepareDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
}

/**
 * Creates the database on first start and makes the application role its owner; the server
 * never connects as the superuser, only this set-up step does.
 */
async function ensureDatabase(credentials: Credentials, port: number, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(credentials, port, "postgres") });
  client.on("error", () => {});
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
    await ensureAppRole(client, name, credentials.app);
  } finally {
    await client.end();
  }
  const inDatabase = new pg.Client({ connectionString: databaseUrl(credentials, port, name) });
  inDatabase.on("error", () => {});
  await inDatabase.connect();
  try {
    await handOverObjects(inDatabase, credentials.app);
  } finally {
    await inDatabase.end();
  }
}

/**
 * Connects to the embedded PostgreSQL that keeps its data in dataDir: joins it when another
 * process already runs it, otherwise initialises (first time) and starts it.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  logger: Logger,
  options: { runtimeDir: string },
): Promise<DatabaseHandle> {
  prepareDataDir(dataDir);
  const credentials = readOrCreateCredentials(dataDir);
  const runningPort = runningClusterPort(dataDir);
  if (runningPort !== undefined) {
    logger.debug({ port: runningPort }, "joining the embedded PostgreSQL already running");
    return {
      url: databaseUrl(credentials.app, runningPort),
      owned: false,
      restarts: () => 0,
      stop: async () => {},
    };
  }

  const clusterDir = placeCluster(dataDir, options.runtimeDir);
  const port = await freePort();
  const cluster = new PostgresCluster({
    clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    runtimeDir: options.runtimeDir,
    onLog: (message) => logger.trace({ postgres: message.trim() }),
  });
  if (!cluster.isInitialised()) {
    logger.info({ clusterDir }, "initialising the embedded PostgreSQL (first run)");
    await cluster.initialise();
  }
  await startWithRetries(cluster, clusterDir, logger);
  await ensureDatabase(credentials, port, "borgerpuls");
  logger.info({ port, clusterDir }, "embedded PostgreSQL started");
  const supervisor = supervise(cluster, clusterDir, logger);
  return {
    url: databaseUrl(credentials.app, port),
    owned: true,
    restarts: () => supervisor.restarts,
    async stop() {
      supervisor.stop();
      // stop() waits for an exit that never comes when PostgreSQL is already gone.
      const pid = postmasterPid(clusterDir);
      if (pid !== undefined && processAlive(pid)) await cluster.stop();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Right after a crash PostgreSQL refuses to start for a moment: its old postmaster is a zombie
 * its lock file still names, or orphaned backends still hold the shared memory. Both clear
 * within seconds, so a failed start is retried with back-off before it counts as a failure.
 */
async function startWithRetries(
  pg: PostgresCluster,
  clusterDir: string,
  logger: Logger,
  attempts = 6,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pg.start();
      return;
    } catch (error) {
      if (attempt >= attempts) {
        throw clusterDidNotStart(clusterDir, error);
      }
      const delayMs = 250 * 2 ** (attempt - 1);
      logger.warn({ attempt, delayMs }, "the embedded PostgreSQL did not start yet; trying again");
      await sleep(delayMs);
    }
  }
}

const superviseEveryMs = 1000;
const maxRestartDelayMs = 30_000;

/**
 * Watches the postmaster and starts it again when it dies (killed, crashed, OOM): without this
 * the server would answer 503 for ever. Back-off doubles while restarts fail and resets once
 * one succeeds.
 */
function supervise(pg: PostgresCluster, clusterDir: string, logger: Logger) {
  const state = { restarts: 0, stopped: false, timer: undefined as NodeJS.Timeout | undefined };
  let failures = 0;
  const check = async () => {
    if (state.stopped) return;
    const pid = postmasterPid(clusterDir);
    if (pid === undefined || !processAlive(pid)) {
      logger.error(
        { pid, clusterDir },
        "the embedded PostgreSQL has stopped; restarting it (requests get 503 meanwhile)",
      );
      try {
        await startWithRetries(pg, clusterDir, logger, 3);
        state.restarts += 1;
        failures = 0;
        logger.info({ restarts: state.restarts }, "the embedded PostgreSQL is running again");
      } catch (error) {
        failures += 1;
        logger.error({ err: String(error), failures }, "could not restart the embedded PostgreSQL");
      }
    }
    if (state.stopped) return;
    const delay = Math.min(maxRestartDelayMs, superviseEveryMs * 2 ** failures);
    state.timer = setTimeout(() => void check(), delay);
    state.timer.unref();
  };
  state.timer = setTimeout(() => void check(), superviseEveryMs);
  state.timer.unref();
  return {
    get restarts() {
      return state.restarts;
    },
    stop() {
      state.stopped = true;
      clearTimeout(state.timer);
    },
  };
}
