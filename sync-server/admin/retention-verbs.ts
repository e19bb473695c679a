import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { findMunicipalityByName } from "../queries/municipalities.ts";
import {
  listRetentionPolicies,
  type RetentionPolicy,
  setRetentionPolicy,
} from "../queries/response-retention.ts";
import { type RetentionOutcome, runRetention } from "../retention/run-retention.ts";

/** `retention set`: a municipality's limits; returns what now applies. */
export async function setRetention(
  pool: Pool,
  input: { municipality: string; textDays?: number; responseYears?: number; auditDays?: number },
): Promise<RetentionPolicy> {
  const municipality = await findMunicipalityByName(pool, input.municipality);
  if (!municipality) {
    throw new AppError("unknown_municipality", `No municipality is named "${input.municipality}".`);
  }
  const checks = [
    [input.textDays, 1, 36_500, "--text-days"],
    [input.responseYears, 1, 100, "--response-years"],
    [input.auditDays, 30, 36_500, "--audit-days"],
  ] as const;
  for (const [value, min, max, flag] of checks) {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new AppError(
        "invalid_request",
        `${flag} must be a whole number from ${min} to ${max}.`,
      );
    }
  }
  await setRetentionPolicy(pool, municipality.id, input);
  const policy = (await listRetentionPolicies(pool)).find(
    (entry) => entry.municipalityId === municipality.id,
  );
  if (!policy) throw new AppError("unknown_municipality");
  return policy;
}

/** `retention run`: applies retention now, as the daily timer would. */
export async function runRetentionNow(pool: Pool): Promise<RetentionOutcome> {
  return runRetention(pool, { actor: "cli" });
}
