/**
 * Spreadsheet formula injection (OWASP "CSV injection"): Excel runs a cell that starts with
 * = + - @ (or a tab or carriage return before one) as a formula, so `=HYPERLINK(…)` typed as a
 * comment, a site name or a kiosk name would become a live link in the analyst's sheet. In
 * the excel-da dialect every text cell that starts so gets a leading apostrophe, which Excel
 * shows as text and hides. rfc4180 files are data for R, pandas and databases, where an
 * apostrophe would corrupt the value, so they carry text exactly as stored (codebook.ts says so).
 */

/** The cells to guard, as a regular expression both JavaScript and PostgreSQL read alike. */
export const formulaLeaderPattern = "^[=+@\t\r-]";

const leader = new RegExp(formulaLeaderPattern);

/** The cell as Excel should show it: text, never a formula. */
export function guardFormula(text: string): string {
  return leader.test(text) ? `'${text}` : text;
}
