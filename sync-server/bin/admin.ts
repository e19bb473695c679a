import {
  describeResult,
  isAppError,
  parseCommand,
  runCommand,
  UsageError,
  usage,
  verbsOnUnmigratedDatabase,
} from "../admin/cli.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db.ts";
import { loadFingerprintKeys } from "../fingerprint-keys.ts";
import { installJobQueue } from "../jobs/install-queue.ts";
import { createLogger } from "../logger.ts";
import { migrate } from "../migrate.ts";

/** Reads a password piped on standard input; an interactive terminal means "generate one". */
async function readPasswordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  return text === "" ? undefined : text;
}

/** On a terminal one line that updates in place; in a log, one line per step. */
function showProgress(line: string): void {
  process.stderr.write(process.stderr.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const command = parseCommand(argv);
  const config = loadConfig();
  // Logs go to stderr and stay quiet unless asked: stdout carries the result.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : "warn", "admin");
  const db = await openDatabase(config, logger);
  try {
    if (!verbsOnUnmigratedDatabase.has(command.verb)) {
      await migrate(db.pool, logger);
      await installJobQueue(db.pool, logger);
    }
    const result = await runCommand(db.pool, command, {
      readPassword: readPasswordFromStdin,
      logger,
      progress: showProgress,
      enrolCodeTtlMinutes: config.enrolCodeTtlMinutes,
      fingerprintKeys: () => loadFingerprintKeys(db.pool, config.fingerprintKeysFile, logger),
      notifications: {
        ...config.notifications,
        defaultPublicUrl: `http://localhost:${config.port}`,
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    process.stdout.write(
      command.options.json
        ? `${JSON.stringify(result)}\n`
        : `${describeResult(command.verb, result)}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
      process.exit(2);
    }
    const known = isAppError(error) || error instanceof ConfigError;
    process.stderr.write(
      `Error: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(1);
  },
);
