import { AppError } from "../../shared/errors.ts";
import { formatRecoveryCode, recoveryCode } from "../../shared/pin-recovery.ts";
import { inTransaction, type Pool } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import { issuePinRecovery } from "../queries/kiosks.ts";
import type { SettingsActor } from "./site-settings.ts";

/**
 * A one-time code for a kiosk whose staff PIN is forgotten (shared/pin-recovery.ts). Derived
 * from the stored token hash: nothing secret is stored for it. Each call is a new code, and
 * each is in the audit log, so a code shown is a code someone asked for.
 */
export async function issueRecoveryCode(
  pool: Pool,
  input: { municipalityId: string; kioskId: string; actor: SettingsActor },
): Promise<{ kioskId: string; n: number; code: string }> {
  return inTransaction(pool, async (client) => {
    const issued = await issuePinRecovery(client, input.municipalityId, input.kioskId);
    if (!issued) throw new AppError("unknown_kiosk", `No live kiosk has the id ${input.kioskId}.`);
    await insertAuditEntries(client, [
      {
        municipalityId: input.municipalityId,
        actorKind: input.actor.kind,
        actorId: input.actor.id ?? null,
        actorLabel: input.actor.label ?? null,
        action: "kiosk.pin_recovery_issued",
        targetId: input.kioskId,
        details: { n: issued.n },
      },
    ]);
    const code = await recoveryCode(new Uint8Array(issued.tokenHash), input.kioskId, issued.n);
    return { kioskId: input.kioskId, n: issued.n, code: formatRecoveryCode(code) };
  });
}
