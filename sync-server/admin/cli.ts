import { parseArgs } from "node:util";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { findKioskCredentials } from "../queries/kiosks.ts";
import { setDisclosureByName } from "./disclosure.ts";
import { issueRecoveryCode } from "./pin-recovery.ts";
import { changeFromFlags, type SettingsFlags, settingsFlagNames } from "./settings-flags.ts";
import { changeSiteSettings, showSiteSettings } from "./site-settings.ts";
import { addApiToken, addKiosk, addSite, addUser, revokeKioskById } from "./verbs.ts";

export const usage = `Usage: npm run admin -- <verb> [options] [--json]

  site add --name "<name>" [--municipality "<name>"] [--timezone <IANA>]
  kiosk add --site <siteId> [--name "<name>"]
  site settings <siteId> [--idle-seconds N] [--prompt-seconds N] [--thanks-seconds N]
                [--settle-ms N] [--languages da,en,…] [--sleep on|off] [--reset]
           (central kiosk settings; "default" as a value restores that one; none: show them)
  kiosk revoke <kioskId>
  kiosk recovery-code <kioskId>   (a one-time code to set a forgotten staff PIN anew)
  user add --email <e-mail> --role admin|chief|analyst [--site <siteId>]… [--municipality "<name>"]
           (password read from standard input, or generated and printed once)
  token add --role chief|analyst [--site <siteId>]… [--municipality "<name>"] [--label "<text>"]
  disclosure set <k> [--municipality "<name>"]   (hide groups below k answers; 3–10, default 5)

--json prints exactly one JSON object on standard output.`;

export class UsageError extends Error {}

type Options = SettingsFlags & {
  json?: boolean;
  reset?: boolean;
  name?: string;
  municipality?: string;
  timezone?: string;
  site?: string[];
  email?: string;
  role?: string;
  label?: string;
};

export type Command = { verb: string; positionals: string[]; options: Options };

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [noun, action, ...positionals] = parsed.positionals;
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
      reset: { type: "boolean" },
      "idle-seconds": { type: "string" },
      "prompt-seconds": { type: "string" },
      "thanks-seconds": { type: "string" },
      "settle-ms": { type: "string" },
      languages: { type: "string" },
      sleep: { type: "string" },
    },
  });
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag} is required.`);
  return value;
}

/** Runs one verb; returns the JSON object to print. readPassword is asked only by `user add`. */
export async function runCommand(
  pool: Pool,
  command: Command,
  readPassword: () => Promise<string | undefined>,
): Promise<Record<string, unknown>> {
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
    case "site settings": {
      const siteId = required(positionals[0], "<siteId>");
      const changing =
        options.reset === true || settingsFlagNames.some((flag) => options[flag] !== undefined);
      if (!changing) return showSiteSettings(pool, siteId);
      return changeSiteSettings(pool, {
        siteId,
        change: changeFromFlags(options),
        reset: options.reset === true,
        actor: { kind: "cli", label: "npm run admin" },
      });
    }
    case "kiosk recovery-code": {
      const kioskId = required(positionals[0], "<kioskId>");
      const kiosk = /^[0-9a-f-]{36}$/i.test(kioskId)
        ? await findKioskCredentials(pool, kioskId.toLowerCase())
        : undefined;
      if (!kiosk) throw new AppError("unknown_kiosk", `No kiosk has the id ${kioskId}.`);
      return issueRecoveryCode(pool, {
        municipalityId: kiosk.municipalityId,
        kioskId: kiosk.id,
        actor: { kind: "cli", label: "npm run admin" },
      });
    }
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
    case "disclosure set":
      return setDisclosureByName(pool, {
        k: required(positionals[0], "<k>"),
        municipality: options.municipality,
      });
    default:
      throw new UsageError(`Unknown verb "${command.verb}".`);
  }
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
      : "code" in result
        ? "\nType this code on the kiosk (Personale → Glemt PIN-kode?); it works once."
        : "";
  return `${verb}: done\n${lines.join("\n")}${secretNote}`;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
