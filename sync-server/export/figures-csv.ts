import { stringify } from "csv-stringify/sync";
import { guardFormula } from "../../shared/formula-guard.ts";
import { type FigureRow, figureColumns } from "./figures-table.ts";

/**
 * The tidy figures table as CSV. excel-da writes decimals with a comma, as Danish Excel reads
 * them (a "12.5" would become text or a date there), and guards every text cell (site and
 * kiosk names) against formulas (formula-guard.ts); rfc4180 keeps the dot and the text as is,
 * for R and pandas.
 */
export function figuresCsv(rows: readonly FigureRow[], dialect: "rfc4180" | "excel-da"): string {
  const excel = dialect === "excel-da";
  const number = (value: number | string | null) =>
    value === null
      ? ""
      : excel && typeof value === "number"
        ? String(value).replace(".", ",")
        : excel && typeof value === "string"
          ? guardFormula(value)
          : String(value);
  const body = stringify(
    rows.map((row) => figureColumns.map((column) => number(row[column]))),
    {
      header: true,
      columns: [...figureColumns],
      delimiter: excel ? ";" : ",",
      record_delimiter: excel ? "\r\n" : "\n",
    },
  );
  return excel ? `\ufeff${body}` : body;
}
