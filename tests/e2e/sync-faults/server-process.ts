import { type ChildProcess, spawn } from "node:child_process";
import { projectRoot } from "../../helpers/run-script.ts";

export type ServerProcess = { start(): Promise<void>; kill(): void; stop(): Promise<void> };

/** Starts, SIGKILLs and restarts server-child.ts on a fixed port. */
export function serverProcess(databaseUrl: string, port: number): ServerProcess {
  let child: ChildProcess | undefined;
  const kill = () => {
    child?.kill("SIGKILL");
    child = undefined;
  };
  return {
    start: () =>
      new Promise((resolve, reject) => {
        const started = spawn(
          process.execPath,
          [
            // e.g. SYNC_SERVER_NODE_ARGS="--cpu-prof" to profile the server under the benchmark.
            ...(process.env.SYNC_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
            "--import",
            "tsx",
            "tests/e2e/sync-faults/server-child.ts",
          ],
          {
            cwd: projectRoot,
            env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        child = started;
        const early = (code: number | null) =>
          reject(new Error(`server exited (${code}) before listening`));
        started.once("error", reject);
        started.once("exit", early);
        started.stdout?.on("data", (chunk: Buffer) => {
          if (!chunk.toString().includes("listening")) return;
          started.off("exit", early);
          resolve();
        });
      }),
    kill,
    async stop() {
      const running = child;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
      child = undefined;
    },
  };
}
