import { parseArgs } from "node:util";
import { AppError } from "../../shared/errors.ts";
import { restoreBackup } from "../backup/restore-backup.ts";
import { writeBackup } from "../backup/write-backup.ts";
import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { addApiToken, addKiosk, addSite, addUser, revokeKioskById } from "./verbs.ts";

export const usage = `Usage: npm run admin -- <verb> [options] [--json]

  site add --name "<name>" [--municipality "<name>"] [--timezone <IANA>]
  kiosk add --site <siteId> [--name "<name>"]
  kiosk revoke <kioskId>
  user add --email <e-mail> --role admin|chief|analyst [--site <siteId>]… [--municipality "<name>"]
           (password read from standard input, or generated and printed once)
  token add --role chief|analyst [--site <siteId>]… [--municipality "<name>"] [--label "<text>"]
  backup <file>    a consistent snapshot of the whole database, also while the server runs
  restore <file>   into an empty database (embedded in DATA_DIR, or DATABASE_URL), verified

--json prints exactly one JSON object on standard output.`;

export class UsageError extends Error {}

type Options = {
  json?: boolean;
  name?: string;
  municipality?: string;
  timezone?: string;
  site?: string[];
  email?: string;
  role?: string;
  label?: string;
};

/** Verbs that are one word, followed by their argument. */
const verbsWithoutAction = new Set(["backup", "restore"]);
/** Verbs that must not migrate the database first (backup reads it as it is; restore builds it). */
export const verbsOnUnmigratedDatabase: ReadonlySet<string> = verbsWithoutAction;

export type Command = { verb: string; positionals: string[]; options: Options };

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [noun, action, ...positionals] = parsed.positionals;
  if (noun && verbsWithoutAction.has(noun)) {
    if (!action) throw new UsageError(`Name the backup file: \`${noun} <file>\`.`);
    return { verb: noun, positionals: [action, ...positionals], options: parsed.values as Options };
  }
  if (!noun || !action) throw new UsageError("Name a verb, e.g. `site add`.");
  return { verb: `${noun} ${action}`, positionals, options: parsed.values as Options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      name: { type: "string" },
      municipality: { type: "string" },
      timezone: { type: "string" },
      site: { type: "string", multiple: true },
      email: { type: "string" },
      role: { type: "string" },
      label: { type: "string" },
    },
  });
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag} is required.`);
  return value;
}

export type CommandContext = {
  /** Asked only by `user add`. */
  readPassword: () => Promise<string | undefined>;
  logger: Logger;
  /** Progress of long verbs (backup, restore), for a person watching. */
  progress: (line: string) => void;
};

/** Runs one verb; returns the JSON object to print. */
export async function runCommand(
  pool: Pool,
  command: Command,
  context: CommandContext,
): Promise<Record<string, unknown>> {
  const { readPassword } = context;
  const { options, positionals } = command;
  switch (command.verb) {
    case "site add":
      return addSite(pool, {
        name: required(options.name, "--name"),
        municipality: options.municipality,
        timezone: options.timezone,
      });
    case "kiosk add":
      return addKiosk(pool, { siteId: required(options.site?.[0], "--site"), name: options.name });
    case "kiosk revoke":
      return revokeKioskById(pool, required(positionals[0], "<kioskId>"));
    case "user add":
      return addUser(pool, {
        email: required(options.email, "--email"),
        role: required(options.role, "--role"),
        siteIds: options.site ?? [],
        municipality: options.municipality,
        password: await readPassword(),
      });
    case "token add":
      return addApiToken(pool, {
        role: required(options.role, "--role"),
        siteIds: options.site ?? [],
        municipality: options.municipality,
        label: options.label,
      });
    case "backup": {
      const result = await writeBackup(pool, required(positionals[0], "<file>"), (p) =>
        context.progress(`backup  ${p.table}: ${p.rows} rows (${p.totalRows} in all)`),
      );
      return { ...result, tables: rowsByTable(result.tables) };
    }
    case "restore": {
      const file = required(positionals[0], "<file>");
      const result = await restoreBackup(pool, file, context.logger, (p) =>
        context.progress(
          `restore ${p.phase === "load" ? "loaded" : "verified"} ${p.table}: ${p.rows} rows (${p.totalRows} in all)`,
        ),
      );
      return { file, ...result, tables: rowsByTable(result.tables) };
    }
    default:
      throw new UsageError(`Unknown verb "${command.verb}".`);
  }
}

function rowsByTable(tables: readonly { name: string; rows: number }[]): Record<string, number> {
  return Object.fromEntries(tables.map((table) => [table.name, table.rows]));
}

/** The human-readable form of a verb's result, for when --json is not given. */
export function describeResult(verb: string, result: Record<string, unknown>): string {
  const lines = Object.entries(result).map(
    ([key, value]) =>
      `  ${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`,
  );
  const secretNote =
    "token" in result || "password" in result
      ? "\nThe secret above is shown only this once; store it now."
      : "";
  return `${verb}: done\n${lines.join("\n")}${secretNote}`;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
