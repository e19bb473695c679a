/**
 * Calendar dates ("YYYY-MM-DD") that query parameters name: one check for every report, dashboard
 * and export endpoint, so none lets through a date PostgreSQL refuses (year 0000) or a year whose
 * neighbours JavaScript can no longer write as four digits.
 */

/** The earliest date a report may name: no response can begin before 1970 (iso-instant.ts). */
export const earliestReportDate = "1970-01-01";
/** The latest: a year short of 9999, so a range's end plus a week, month or year stays 4-digit. */
export const latestReportDate = "9998-12-31";

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `value` is not a date a report can use, or undefined when it is one. */
export function calendarDateProblem(value: string): string | undefined {
  const match = datePattern.exec(value);
  if (!match) return "must be a date like 2026-11-23";
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    return "must be a date like 2026-11-23, and this is not a real date";
  }
  if (value < earliestReportDate || value > latestReportDate) {
    return `must be a date from ${earliestReportDate} to ${latestReportDate}`;
  }
  return undefined;
}
