import type { ErrorCode } from "../../shared/errors.ts";
import type { ResponsePayload } from "../../shared/response.ts";
import type { Queryable } from "../db.ts";
import type { LocalAnswerRow } from "../queries/local-answers.ts";
import { answerableVersions } from "../queries/local-questions.ts";
import type { KioskRef, ResponseRow } from "../queries/responses.ts";

/**
 * The server's half of checking local answers: a response may answer only versions of the
 * questions its site asks (or once asked: a kiosk offline for a week still asks what it was
 * given), each with one of that version's codes. A response that fails is rejected on its own;
 * its neighbours are stored.
 */

/** Version id → its answer codes, for the kiosk's site. */
export type LocalCatalogue = ReadonlyMap<string, ReadonlySet<string>>;

const hasLocal = (raw: unknown) =>
  typeof raw === "object" && raw !== null && (raw as { local?: unknown }).local !== undefined;

/** The site's answerable versions, read only when some response in the batch has local answers. */
export async function localCatalogueFor(
  db: Queryable,
  kiosk: KioskRef,
  responses: readonly unknown[],
): Promise<LocalCatalogue> {
  if (!responses.some(hasLocal)) return new Map();
  return answerableVersions(db, kiosk.municipalityId, kiosk.siteId);
}

/** Why the response's local answers cannot be stored, or undefined when they can. */
export function localAnswersRejection(
  payload: ResponsePayload,
  catalogue: LocalCatalogue,
): { code: ErrorCode; message: string } | undefined {
  for (const [versionId, answer] of Object.entries(payload.local ?? {})) {
    // A Map: the key is the client's and must find nothing but our own versions.
    const codes = catalogue.get(versionId.toLowerCase());
    if (!codes)
      return {
        code: "local_question_not_asked",
        message: `local: question version ${versionId} is not one this site has asked.`,
      };
    if (!codes.has(answer))
      return {
        code: "unknown_local_answer",
        message: `local.${versionId}: "${answer}" is not one of its answers (${[...codes].join(", ")}).`,
      };
  }
  return undefined;
}

/** The local answers of the rows actually inserted (a resent response's are already stored). */
export function localAnswerRows(
  rows: readonly ResponseRow[],
  inserted: ReadonlySet<string>,
): LocalAnswerRow[] {
  const answers: LocalAnswerRow[] = [];
  for (const row of rows) {
    if (!row.local || !inserted.has(row.id)) continue;
    for (const [versionId, answerCode] of Object.entries(row.local))
      answers.push({ responseId: row.id, versionId: versionId.toLowerCase(), answerCode });
  }
  return answers;
}
