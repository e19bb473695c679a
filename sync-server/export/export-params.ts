import { z } from "zod";
import { calendarDateProblem } from "../../shared/calendar-date.ts";
import { clip } from "../../shared/contracts.ts";
import { AppError } from "../../shared/errors.ts";

const isoDate = z.string().superRefine((value, context) => {
  const problem = calendarDateProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be an id (uuid)");

const filterFields = {
  from: isoDate,
  to: isoDate,
  site: uuid.transform((v) => v.toLowerCase()).optional(),
  kiosk: uuid.transform((v) => v.toLowerCase()).optional(),
  includeSuspect: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
};
const fromBeforeTo: [
  (q: { from: string; to: string }) => boolean,
  { message: string; path: string[] },
] = [(q) => q.from <= q.to, { message: "from must not be after to", path: ["from"] }];

/**
 * The filters every export endpoint shares, as query parameters. Strict: a misspelt parameter
 * (dialekt=…) is a 400 naming it, never silently ignored.
 */
export const exportFilterSchema = z.strictObject(filterFields).refine(...fromBeforeTo);

export const responsesCsvSchema = z
  .strictObject({
    ...filterFields,
    dialect: z.enum(["rfc4180", "excel-da"]).default("rfc4180"),
    labels: z.enum(["da", "en"]).optional(),
    /** hour (default): local date, hour, weekday, duration; exact: instants, for those granted it. */
    times: z.enum(["hour", "exact"]).default("hour"),
  })
  .refine(...fromBeforeTo);

export const figuresCsvSchema = z
  .strictObject({
    ...filterFields,
    by: z.enum(["day", "week", "month", "site", "kiosk"]).default("day"),
    dialect: z.enum(["rfc4180", "excel-da"]).default("rfc4180"),
    labels: z.enum(["codes", "da", "en"]).default("codes"),
  })
  .refine(...fromBeforeTo);

/** Parses query parameters or throws a 400 that names each bad parameter and why. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${clip(issue.path.join(".")) || "query"} ${clip(issue.message)}`,
  );
  throw new AppError("invalid_request", `Invalid query: ${problems.join("; ")}.`);
}

/** A file name an analyst recognises: site (or all sites) and the dates; ASCII-safe. */
export function exportFileName(
  kind: string,
  siteName: string | null,
  from: string,
  to: string,
): string {
  const slug = (siteName ?? "alle-steder")
    .toLowerCase()
    .replaceAll("æ", "ae")
    .replaceAll("ø", "oe")
    .replaceAll("å", "aa")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `borgerpuls-${kind}-${slug}-${from}_${to}.csv`;
}
