import { isDisclosureLimit } from "../../shared/disclosure.ts";
import { AppError } from "../../shared/errors.ts";
import { inTransaction, type Pool } from "../db.ts";
import { type AuditEntry, insertAuditEntries } from "../queries/audit-log.ts";
import { setDisclosureLimit } from "../queries/municipalities.ts";

/**
 * Sets a municipality's disclosure limit k (3–10) and audits the change with the old value;
 * the admin route and the CLI share it.
 */
export async function setDisclosure(
  pool: Pool,
  input: {
    municipalityId: string;
    k: number;
    actor: Pick<AuditEntry, "actorKind" | "actorId" | "actorLabel">;
  },
): Promise<{ previous: number }> {
  if (!isDisclosureLimit(input.k)) {
    throw new AppError("invalid_request", "k must be a whole number from 3 to 10.");
  }
  return inTransaction(pool, async (client) => {
    const previous = await setDisclosureLimit(client, input.municipalityId, input.k);
    if (previous === undefined) throw new AppError("unknown_municipality");
    await insertAuditEntries(client, [
      {
        municipalityId: input.municipalityId,
        ...input.actor,
        action: "disclosure.changed",
        details: { from: previous, to: input.k },
      },
    ]);
    return { previous };
  });
}
