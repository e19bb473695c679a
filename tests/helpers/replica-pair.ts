import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../sync-server/config.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { PostgresCluster } from "../../sync-server/postgres-cluster.ts";

const user = "postgres";
const password = "test";
const slot = "borgerpuls_standby";

export type ReplicaPair = {
  primaryUrl(database: string): string;
  standbyUrl(database: string): string;
  /** A superuser client on the standby (to pause and resume its replay). */
  standbyAdmin(): Promise<pg.Client>;
  /** Stops the standby (fast shutdown: its connections are cut, as when it goes away). */
  stopStandby(): Promise<void>;
  stop(): Promise<void>;
};

function url(port: number, database: string): string {
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

async function superuser(port: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url(port, "postgres") });
  // A stopped server ends an idle client's connection with 'error': not a crash of the test.
  client.on("error", () => {});
  await client.connect();
  return client;
}

/**
 * A real primary and a real hot standby streaming from it, both the embedded PostgreSQL 18
 * (it ships no pg_basebackup): the base backup is taken with the low-level API
 * (pg_backup_start, a copy of the data folder, pg_backup_stop's backup_label), and the standby
 * follows through a physical replication slot, so the primary keeps every WAL it still needs.
 * `prepare` runs on the primary before the backup (create and migrate databases there).
 */
export async function startReplicaPair(
  prepare: (primaryUrl: (database: string) => string) => Promise<void>,
): Promise<ReplicaPair> {
  // mkdtemp makes 0700 folders; the postgres user (we may be root) must reach its data.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-replica-"));
  fs.chmodSync(dir, 0o755);
  const runtimeDir = loadConfig().embeddedRuntimeDir;
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  // Durability is not under test; replication is, and it works the same without fsync.
  const settings = { fsync: "off", full_page_writes: "on", max_connections: "100" };
  const primaryDir = path.join(dir, "primary");
  const standbyDir = path.join(dir, "standby");
  const primary = new PostgresCluster({
    clusterDir: primaryDir,
    user,
    password,
    port: primaryPort,
    runtimeDir,
    settings: { ...settings, wal_level: "replica", max_wal_senders: "4" },
  });
  await primary.initialise();
  await primary.start();
  let standby: PostgresCluster | undefined;
  try {
    const primaryUrl = (database: string) => url(primaryPort, database);
    await prepare(primaryUrl);
    const admin = await superuser(primaryPort);
    try {
      await admin.query("select pg_create_physical_replication_slot($1, true)", [slot]);
      // pg_backup_start and pg_backup_stop must run in the same session.
      await admin.query("select pg_backup_start('borgerpuls-test', true)");
      execFileSync("cp", ["-a", primaryDir, standbyDir]);
      const stopped = await admin.query<{ labelfile: string; spcmapfile: string }>(
        "select labelfile, spcmapfile from pg_backup_stop(false)",
      );
      const label = stopped.rows[0];
      if (!label) throw new Error("pg_backup_stop returned no backup label");
      // What a base backup leaves out: the running server's files, its WAL (the standby
      // streams it from the backup's start), its slots.
      for (const name of ["postmaster.pid", "postmaster.opts"])
        fs.rmSync(path.join(standbyDir, name), { force: true });
      for (const sub of ["pg_wal", "pg_replslot"]) {
        for (const entry of fs.readdirSync(path.join(standbyDir, sub)))
          if (entry !== "archive_status" && entry !== "summaries")
            fs.rmSync(path.join(standbyDir, sub, entry), { recursive: true, force: true });
      }
      fs.writeFileSync(path.join(standbyDir, "backup_label"), label.labelfile);
      if (label.spcmapfile)
        fs.writeFileSync(path.join(standbyDir, "tablespace_map"), label.spcmapfile);
      fs.writeFileSync(path.join(standbyDir, "standby.signal"), "");
      fs.appendFileSync(
        path.join(standbyDir, "postgresql.auto.conf"),
        `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${user} password=${password} application_name=${slot}'\n` +
          `primary_slot_name = '${slot}'\n`,
      );
      const account = primary.account;
      if (account) execFileSync("chown", ["-R", `${account.uid}:${account.gid}`, standbyDir]);
    } finally {
      await admin.end();
    }
    standby = new PostgresCluster({
      clusterDir: standbyDir,
      user,
      password,
      port: standbyPort,
      runtimeDir,
      settings: { ...settings, hot_standby: "on" },
    });
    await standby.start();
  } catch (error) {
    await standby?.stop();
    await primary.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const runningStandby = standby;
  return {
    primaryUrl: (database) => url(primaryPort, database),
    standbyUrl: (database) => url(standbyPort, database),
    standbyAdmin: () => superuser(standbyPort),
    stopStandby: () => runningStandby.stop(),
    async stop() {
      await runningStandby.stop();
      await primary.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
