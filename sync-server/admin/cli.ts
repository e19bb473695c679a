import { parseArgs } from "node:util";
import { AppError } from "../../shared/errors.ts";
import { restoreBackup } from "../backup/restore-backup.ts";
import { writeBackup } from "../backup/write-backup.ts";
import type { NotificationConfig } from "../config.ts";
import type { Pool } from "../db.ts";
import type { Logger } from "../logger.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import { findKioskCredentials } from "../queries/kiosks.ts";
import { findMunicipalityByName } from "../queries/municipalities.ts";
import { setDisclosureByName } from "./disclosure.ts";
import { enrolPath, newEnrolmentCode } from "./enrolment-verbs.ts";
import {
  addQuestionVerb,
  changeQuestionVerb,
  listQuestionsVerb,
  retireQuestionVerb,
} from "./local-question-verbs.ts";
import { sendDigestNow, showJobs } from "./notification-verbs.ts";
import { issueRecoveryCode } from "./pin-recovery.ts";
import { runRetentionNow, setRetention } from "./retention-verbs.ts";
import { changeFromFlags, type SettingsFlags, settingsFlagNames } from "./settings-flags.ts";
import { changeSiteSettings, showSiteSettings } from "./site-settings.ts";
import {
  runSsoVerb,
  type SsoFlags,
  type SsoVerbContext,
  ssoAuditedVerbs,
  ssoOptionSpec,
  ssoUsage,
} from "./sso-verbs.ts";
import { listTokens, revokeTokenById, type TokenView } from "./token-verbs.ts";
import { addApiToken, addKiosk, addSite, addUser, revokeKioskById } from "./verbs.ts";

export const usage = `Usage: npm run admin -- <verb> [options] [--json]

  site add --name "<name>" [--municipality "<name>"] [--timezone <IANA>]
  kiosk add --site <siteId> [--name "<name>"]
  site settings <siteId> [--idle-seconds N] [--prompt-seconds N] [--thanks-seconds N]
                [--settle-ms N] [--languages da,en,…] [--sleep on|off] [--reset]
           (central kiosk settings; "default" as a value restores that one; none: show them)
  kiosk revoke <kioskId>
  kiosk recovery-code <kioskId>   (a one-time code to set a forgotten staff PIN anew)
  kiosk enrol <kioskId>  (a one-time enrolment link, valid ENROL_CODE_TTL_MINUTES)
  user add --email <e-mail> --role admin|chief|analyst [--site <siteId>]… [--municipality "<name>"]
           (password read from standard input, or generated and printed once)
  token add --role chief|analyst [--site <siteId>]… [--municipality "<name>"] [--label "<text>"]
            [--expires-in 90d|12h|2w]
  token list [--municipality "<name>"]
  token revoke <tokenId>
  disclosure set <k> [--municipality "<name>"]   (hide groups below k answers; 3–10, default 5)
  backup <file>    a consistent snapshot of the whole database, also while the server runs
  restore <file>   into an empty database (embedded in DATA_DIR, or DATABASE_URL), verified
  retention set --municipality "<name>" [--text-days <days>] [--response-years <years>]
                [--audit-days <days>]
  retention run   (what the daily job does: clear old free text, remove old responses)
  local-question list [--municipality "<name>"]
  local-question add --code <code> --file <question.json> [--site <siteId>] [--municipality "<name>"]
           (asked after the core questions; no --site: at every site; at most 3 per site)
  local-question change <questionId> --file <question.json> [--municipality "<name>"]
           (a new version: answers given to the old one keep their meaning)
  local-question retire <questionId> [--municipality "<name>"]
           (question.json: {"text": {"da": "…", "en": "…"}, "answers": [{"code": "pas",
            "label": {"da": "Pas"}}, …]}; a language without its words skips the question)
  digest send --user <e-mail> [--date YYYY-MM-DD]   (that user's digest now, over SMTP_URL)
  jobs            the job queue's pending and failed jobs (digests, alerts, retention)
${ssoUsage}

--json prints exactly one JSON object on standard output.`;

export class UsageError extends Error {}

type Options = SettingsFlags &
  SsoFlags & {
    json?: boolean;
    reset?: boolean;
    name?: string;
    municipality?: string;
    timezone?: string;
    site?: string[];
    email?: string;
    role?: string;
    label?: string;
    "expires-in"?: string;
    "text-days"?: string;
    "response-years"?: string;
    "audit-days"?: string;
    user?: string;
    date?: string;
    code?: string;
    file?: string;
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
  if (noun === "jobs" && !action)
    return { verb: noun, positionals: [], options: parsed.values as Options };
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
      "expires-in": { type: "string" },
      "text-days": { type: "string" },
      "response-years": { type: "string" },
      "audit-days": { type: "string" },
      user: { type: "string" },
      date: { type: "string" },
      code: { type: "string" },
      file: { type: "string" },
      ...ssoOptionSpec,
    },
  });
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`${flag} must be a whole number.`);
  return Number(value);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag} is required.`);
  return value;
}

const ssoVerbs = { ...ssoAuditedVerbs, "sso list": null };

/** What the CLI may change, in the audit log as done by the operator at the console ("cli"). */
const auditedVerbs: Record<string, string> = {
  "site add": "site.created",
  "kiosk add": "kiosk.created",
  "kiosk revoke": "kiosk.revoked",
  "kiosk enrol": "kiosk.enrolment_issued",
  "user add": "user.created",
  "token add": "token.created",
  "token revoke": "token.revoked",
  ...ssoAuditedVerbs,
};

function targetOf(result: Record<string, unknown>): string | null {
  for (const key of ["tokenId", "kioskId", "userId", "siteId", "id"]) {
    const value = result[key];
    if (typeof value === "string") return value;
  }
  return null;
}

export type CommandContext = {
  /** Asked only by `user add`. */
  readPassword: () => Promise<string | undefined>;
  logger: Logger;
  /** Progress of long verbs (backup, restore), for a person watching. */
  progress: (line: string) => void;
  enrolCodeTtlMinutes?: number;
  /** `digest send`: the channels and where links point. */
  notifications?: NotificationConfig & { defaultPublicUrl: string };
  /** `sso oidc` seals the client secret with a key from the fingerprint key file. */
  fingerprintKeys?: SsoVerbContext["fingerprintKeys"];
};

/** Runs one verb; returns the JSON object to print. */
export async function runCommand(
  pool: Pool,
  command: Command,
  context: CommandContext,
): Promise<Record<string, unknown>> {
  const result = await runVerb(pool, command, context);
  const action = Object.hasOwn(auditedVerbs, command.verb) ? auditedVerbs[command.verb] : undefined;
  const municipalityId = result.municipalityId;
  if (action && typeof municipalityId === "string") {
    await insertAuditEntries(pool, [
      { municipalityId, actorKind: "cli", action, targetId: targetOf(result) },
    ]);
  }
  return result;
}

async function runVerb(
  pool: Pool,
  command: Command,
  context: CommandContext,
): Promise<Record<string, unknown>> {
  const { readPassword } = context;
  const { options, positionals } = command;
  if (Object.hasOwn(ssoVerbs, command.verb)) {
    const { fingerprintKeys } = context;
    if (!fingerprintKeys) throw new UsageError("sso verbs need the server's settings.");
    return runSsoVerb(pool, command.verb, positionals, options, {
      readSecret: readPassword,
      fingerprintKeys,
    });
  }
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
    case "kiosk enrol": {
      const enrolment = await newEnrolmentCode(pool, {
        kioskId: required(positionals[0], "<kioskId>"),
        ttlMinutes: context.enrolCodeTtlMinutes ?? 60,
      });
      return { ...enrolment, enrollPath: enrolPath(enrolment.code) };
    }
    case "token add":
      return addApiToken(pool, {
        role: required(options.role, "--role"),
        siteIds: options.site ?? [],
        municipality: options.municipality,
        label: options.label,
        expiresIn: options["expires-in"],
      });
    case "disclosure set":
      return setDisclosureByName(pool, {
        k: required(positionals[0], "<k>"),
        municipality: options.municipality,
      });
    case "token list":
      return {
        tokens: await listTokens(pool, await municipalityFilter(pool, options.municipality)),
      };
    case "token revoke": {
      const revoked = await revokeTokenById(pool, null, required(positionals[0], "<tokenId>"));
      return { ...revoked, tokenId: revoked.id };
    }
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
    case "retention set":
      return setRetention(pool, {
        municipality: required(options.municipality, "--municipality"),
        textDays: wholeNumber(options["text-days"], "--text-days"),
        responseYears: wholeNumber(options["response-years"], "--response-years"),
        auditDays: wholeNumber(options["audit-days"], "--audit-days"),
      });
    case "retention run":
      return runRetentionNow(pool);
    case "digest send": {
      if (!context.notifications) throw new UsageError("digest send needs the server's settings.");
      return sendDigestNow(
        pool,
        { email: required(options.user, "--user"), date: options.date },
        context.notifications,
        context.logger,
      );
    }
    case "jobs":
      return showJobs(pool);
    case "local-question list":
      return listQuestionsVerb(pool, { municipality: options.municipality });
    case "local-question add":
      if ((options.site?.length ?? 0) > 1) throw new UsageError("Give --site at most once.");
      return addQuestionVerb(pool, {
        code: required(options.code, "--code"),
        file: required(options.file, "--file"),
        site: options.site?.[0],
        municipality: options.municipality,
      });
    case "local-question change":
      return changeQuestionVerb(pool, {
        questionId: required(positionals[0], "<questionId>"),
        file: required(options.file, "--file"),
        municipality: options.municipality,
      });
    case "local-question retire":
      return retireQuestionVerb(pool, {
        questionId: required(positionals[0], "<questionId>"),
        municipality: options.municipality,
      });
    default:
      throw new UsageError(`Unknown verb "${command.verb}".`);
  }
}

async function municipalityFilter(pool: Pool, name: string | undefined): Promise<string | null> {
  if (name === undefined) return null;
  const found = await findMunicipalityByName(pool, name);
  if (!found) throw new AppError("unknown_municipality", `No municipality is named "${name}".`);
  return found.id;
}

function describeToken(token: TokenView): string {
  const sites = token.siteIds.length ? token.siteIds.join(",") : "all sites";
  return [
    `  ${token.id}  ${token.status}  ${token.role}  ${token.label ?? "(no label)"}  ${token.municipality}`,
    `      sites: ${sites}; created ${token.createdAt}; expires ${token.expiresAt ?? "never"}; last used ${token.lastUsedAt ?? "never"}`,
  ].join("\n");
}

function rowsByTable(tables: readonly { name: string; rows: number }[]): Record<string, number> {
  return Object.fromEntries(tables.map((table) => [table.name, table.rows]));
}

/** The human-readable form of a verb's result, for when --json is not given. */
export function describeResult(verb: string, result: Record<string, unknown>): string {
  const tokens = result.tokens;
  if (verb === "token list" && Array.isArray(tokens)) {
    const list = tokens as TokenView[];
    return list.length
      ? `${list.length} API token(s):\n${list.map(describeToken).join("\n")}`
      : "No API tokens.";
  }
  const lines = Object.entries(result).map(
    ([key, value]) =>
      `  ${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`,
  );
  const secretNote =
    verb === "kiosk recovery-code"
      ? "\nType this code on the kiosk (Personale → Glemt PIN-kode?); it works once."
      : "token" in result || "password" in result || "code" in result
        ? "\nThe secret above is shown only this once; store it now."
        : "";
  return `${verb}: done\n${lines.join("\n")}${secretNote}`;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
