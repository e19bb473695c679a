import fs from "node:fs";
import path from "node:path";

/**
 * `npm start` notes where it serves in DATA_DIR, so `npm run demo` and the admin CLI, started
 * from another terminal without the same PORT, print the address that really works.
 */
const fileName = "server-address.json";

type Note = { url: string; pid: number };

export function writeServerAddress(dataDir: string, url: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const note: Note = { url, pid: process.pid };
  fs.writeFileSync(path.join(dataDir, fileName), `${JSON.stringify(note)}\n`);
}

export function removeServerAddress(dataDir: string): void {
  fs.rmSync(path.join(dataDir, fileName), { force: true });
}

/** The running server's base URL, or undefined when none runs on this DATA_DIR. */
export function readServerAddress(dataDir: string): string | undefined {
  let note: unknown;
  try {
    note = JSON.parse(fs.readFileSync(path.join(dataDir, fileName), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof note !== "object" || note === null) return undefined;
  const url = "url" in note ? note.url : undefined;
  const pid = "pid" in note ? note.pid : undefined;
  if (typeof url !== "string" || typeof pid !== "number") return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return url;
}
