import type { QuestionsBlock } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import { countsByMunicipality } from "../queries/report-rollups.ts";
import { hiddenOfSelection, questionsOf } from "./figures-of-counts.ts";

/** One municipality's figures in a national overview. */
export type MunicipalityFigures = {
  municipalityId: string;
  responses: number;
  questions: QuestionsBlock;
};

/**
 * Every municipality's figures over a date range, for a national operator: each municipality
 * is shown on its own, under its own disclosure limit (a municipality is not a margin of the
 * others: its figures are not published beside theirs as parts of one total).
 */
export async function buildNationalFigures(
  db: Queryable,
  range: { from: string; to: string; includeSuspect: boolean },
): Promise<MunicipalityFigures[]> {
  const rows = await countsByMunicipality(db, range);
  return rows.map((row) => ({
    municipalityId: row.key,
    responses: row.responses,
    questions: questionsOf(row, hiddenOfSelection(row, row.k)),
  }));
}
