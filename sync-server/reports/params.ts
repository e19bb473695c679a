import type { Request } from "express";
import { calendarDateProblem } from "../../shared/calendar-date.ts";
import { clip } from "../../shared/contracts.ts";
import { AppError } from "../../shared/errors.ts";

/** The longest range a report may span: three years and a leap day. */
export const maxReportDays = 3 * 366;

export type ReportParams = {
  from: string;
  to: string;
  site: string | undefined;
  kiosk: string | undefined;
  includeSuspect: boolean;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bad(message: string): never {
  throw new AppError("invalid_report_query", message);
}

/** A single string query parameter (repeats are an error, not silently the first). */
export function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") bad(`Give ${name} once, as a plain value.`);
  return value;
}

/** Parses a local calendar date "YYYY-MM-DD" and checks it exists (no 2026-02-30, no year 0). */
export function localDate(value: string | undefined, name: string): string {
  if (value === undefined) bad(`${name} is required, as a date like 2026-11-23.`);
  const problem = calendarDateProblem(value);
  if (problem) bad(`${name} ${problem}, not "${clip(value)}".`);
  return value;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function optionalId(req: Request, name: string): string | undefined {
  const value = single(req, name);
  if (value === undefined || value === "") return undefined;
  if (!uuidPattern.test(value)) bad(`${name} must be an id like 0194f3c2-…, not "${clip(value)}".`);
  return value.toLowerCase();
}

export function booleanParam(req: Request, name: string): boolean {
  const value = single(req, name);
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return bad(`${name} must be true or false, not "${clip(value)}".`);
}

/** Rejects parameters the endpoint does not know, so a typo (site_id=…) is not silently ignored. */
export function onlyParams(req: Request, known: readonly string[]): void {
  const unknown = Object.keys(req.query).filter((name) => !known.includes(name));
  if (unknown.length)
    bad(`Unknown parameter ${clip(unknown.join(", "))}; known: ${known.join(", ")}.`);
}

/** from, to (inclusive local dates), site, kiosk, includeSuspect — checked, with clear 400s. */
export function reportParams(req: Request, extra: readonly string[] = []): ReportParams {
  onlyParams(req, ["from", "to", "site", "kiosk", "includeSuspect", ...extra]);
  const from = localDate(single(req, "from"), "from");
  const to = localDate(single(req, "to"), "to");
  if (to < from) bad(`to (${to}) is before from (${from}).`);
  if (daysBetween(from, to) >= maxReportDays) bad(`A report spans at most ${maxReportDays} days.`);
  return {
    from,
    to,
    site: optionalId(req, "site"),
    kiosk: optionalId(req, "kiosk"),
    includeSuspect: booleanParam(req, "includeSuspect"),
  };
}
