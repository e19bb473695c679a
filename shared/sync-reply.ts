/**
 * The half of the sync contract the kiosk reads: the server's reply and its error body, plus
 * the constants both sides name. Plain TypeScript with small hand-written guards, no zod: the
 * kiosk only needs to know that a 200 really is our server's reply (a captive portal's page is
 * not), and zod, even zod/mini, would be a tenth of its first-load JavaScript. The server
 * builds its reply from these types, so the compiler keeps both sides in step; contracts.ts
 * re-exports all of it, so the server still sees one contract.
 */

/** Most responses the kiosk sends in one request (the server accepts up to maxResponsesPerRequest). */
export const kioskBatchSize = 500;
/** Header a kiosk names its app version in; recorded in the kiosk's health. */
export const kioskVersionHeader = "X-Kiosk-Version";

export type Rejection = { id: string; code: string; message: string };
export type SyncReply = {
  accepted: string[];
  duplicates: string[];
  rejected: Rejection[];
  serverTime: string;
  /**
   * The site's central kiosk settings (docs/api.md), passed on unread: readSyncedSettings in
   * shared/kiosk-settings.ts reads them, so settings a kiosk cannot read never make it drop the
   * reply's receipts, only keep the settings it had.
   */
  settings?: unknown;
  /**
   * The site's local questions (docs/api.md), passed on unread like settings:
   * readSyncedLocalQuestions in shared/local-questions.ts reads them. Servers before issue 14
   * do not send it; then a kiosk keeps the ones it has.
   */
  localQuestions?: unknown;
  /**
   * Ranges of this kiosk's seq numbers the server does not hold (for instance after a restore
   * from a backup older than the kiosk's last sync). A kiosk that still keeps those answers
   * sends them again. Servers before 0.2 do not send it; old kiosks ignore it.
   */
  missingSeqs?: SeqRange[];
};
export type SeqRange = { from: number; to: number };
export type ErrorBody = { error: { code: string; message: string } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isCodeAndMessage(value: unknown): value is { code: string; message: string } {
  return isRecord(value) && typeof value.code === "string" && typeof value.message === "string";
}

function isSeqRange(value: unknown): value is SeqRange {
  return isRecord(value) && Number.isInteger(value.from) && Number.isInteger(value.to);
}

function isRejection(value: unknown): value is Rejection {
  return isRecord(value) && typeof value.id === "string" && isCodeAndMessage(value);
}

/** The reply as the kiosk may use it, or undefined when the body is not a sync reply. */
export function parseSyncReply(body: unknown): SyncReply | undefined {
  if (!isRecord(body)) return undefined;
  const { accepted, duplicates, rejected, serverTime, settings, localQuestions, missingSeqs } =
    body;
  if (!isStringArray(accepted) || !isStringArray(duplicates)) return undefined;
  if (!Array.isArray(rejected) || !rejected.every(isRejection)) return undefined;
  if (typeof serverTime !== "string") return undefined;
  if (missingSeqs !== undefined && !(Array.isArray(missingSeqs) && missingSeqs.every(isSeqRange)))
    return undefined;
  // A copy with only the known fields: extra ones from a newer server are not carried along.
  return {
    accepted,
    duplicates,
    rejected: rejected.map(({ id, code, message }) => ({ id, code, message })),
    serverTime,
    ...(settings === undefined ? {} : { settings }),
    ...(localQuestions === undefined ? {} : { localQuestions }),
    ...(missingSeqs === undefined
      ? {}
      : { missingSeqs: missingSeqs.map(({ from, to }) => ({ from, to })) }),
  };
}

/** The catalogue's error body (shared/errors.ts), or undefined for anything else. */
export function parseErrorBody(body: unknown): ErrorBody | undefined {
  if (!isRecord(body) || !isCodeAndMessage(body.error)) return undefined;
  return { error: { code: body.error.code, message: body.error.message } };
}
