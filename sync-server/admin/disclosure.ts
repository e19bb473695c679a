import { isDisclosureLimit } from "../../shared/disclosure.ts";
import { AppError } from "../../shared/errors.ts";
import { inTransaction, type Pool } from "../db.ts";
import { type AuditEntry, insertAuditEntries } from "../queries/audit-log.ts";
import {
  findMunicipalityByName,
  listMunicipalities,
  setDisclosureLimit,
} from "../queries/municipalities.ts";

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

/**
 * The CLI's `disclosure set <k> [--municipality "<name>"]`: without a name, the one
 * municipality there is. Audited as done by the CLI.
 */
export async function setDisclosureByName(
  pool: Pool,
  input: { k: string; municipality?: string | undefined },
): Promise<{ municipality: string; k: number; previous: number }> {
  const k = Number(input.k);
  const municipality = input.municipality
    ? await findMunicipalityByName(pool, input.municipality)
    : await onlyOne(pool);
  if (!municipality) {
    throw new AppError("unknown_municipality", `No municipality is named "${input.municipality}".`);
  }
  const { previous } = await setDisclosure(pool, {
    municipalityId: municipality.id,
    k,
    actor: { actorKind: "cli", actorLabel: "npm run admin" },
  });
  return { municipality: municipality.name, k, previous };
}

async function onlyOne(pool: Pool) {
  const all = await listMunicipalities(pool);
  if (all.length === 1) return all[0];
  throw new AppError(
    "municipality_required",
    'Say which municipality with --municipality "<name>".',
  );
}
