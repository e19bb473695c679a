import type { Queryable } from "../db.ts";
import { findSeqGaps } from "../queries/kiosk-health.ts";
import type { KioskRef } from "../queries/responses.ts";

/** At most this many ranges per reply: a kiosk resends them, and asks again next time. */
const maxRanges = 100;

/**
 * The seq ranges this kiosk numbered but the server does not hold, for the sync reply. Cheap
 * for a healthy kiosk: findSeqGaps looks only at kiosks whose health shows numbers missing.
 */
export async function missingSeqsOf(
  db: Queryable,
  kiosk: KioskRef,
): Promise<{ from: number; to: number }[]> {
  const gaps = await findSeqGaps(db, kiosk.municipalityId, [kiosk.kioskId], maxRanges);
  return gaps.map((gap) => ({ from: gap.firstMissing, to: gap.lastMissing }));
}
