import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { projectRoot } from "./run-script.ts";

export type ServerProcess = {
  child: ChildProcess;
  baseUrl: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Sends the signal and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Its resident memory now, in bytes (Linux /proc). */
  rssBytes(): number;
};

/**
 * `npm start` as a child process; resolves once it prints the URLs it serves. detached: in a
 * process group of its own (with its PostgreSQL), so a test can kill the whole group.
 */
export function startServerProcess(
  env: NodeJS.ProcessEnv,
  options: { detached?: boolean; cwd?: string } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "sync-server/bin/start.ts"], {
    cwd: options.cwd ?? projectRoot,
    env: { ...process.env, PORT: "0", ...env },
    detached: options.detached ?? false,
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kiosk\s+(http:\/\/localhost:\d+)\/kiosk\//.exec(output);
      if (match?.[1]) {
        resolve({
          child,
          baseUrl: match[1],
          output: () => output,
          stop: (signal = "SIGTERM") =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once("exit", (code) => done(code));
              child.kill(signal);
            }),
          rssBytes: () => {
            const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
            return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}
