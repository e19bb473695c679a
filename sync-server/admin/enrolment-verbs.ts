import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { insertKioskEnrolment, redeemKioskEnrolment } from "../queries/kiosk-enrolments.ts";
import { findKioskCredentials } from "../queries/kiosks.ts";
import { hashSecret, makeToken, parseToken } from "../secrets.ts";

/** The enrolment link's path for a code; the kiosk reads `enroll` (kiosk/services/enrol-link.ts). */
export function enrolPath(code: string): string {
  return `/kiosk/?enroll=${encodeURIComponent(code)}`;
}

/**
 * A one-time code for the enrolment link, instead of the kiosk's token: URLs end up in proxy
 * logs and browser history, so what they carry must die on first use or within the hour.
 */
export async function newEnrolmentCode(
  pool: Pool,
  input: { kioskId: string; municipalityId?: string; ttlMinutes: number },
): Promise<{ kioskId: string; municipalityId: string; code: string; expiresAt: string }> {
  const kiosk = /^[0-9a-f-]{36}$/i.test(input.kioskId)
    ? await findKioskCredentials(pool, input.kioskId.toLowerCase())
    : undefined;
  if (!kiosk || (input.municipalityId && kiosk.municipalityId !== input.municipalityId)) {
    throw new AppError("unknown_kiosk", `No kiosk has the id ${input.kioskId}.`);
  }
  if (kiosk.revokedAt) {
    throw new AppError("unknown_kiosk", `The kiosk ${kiosk.id} is revoked; add a new one.`);
  }
  const { token: code, hash } = makeToken("bpe", kiosk.id);
  const expiresAt = await insertKioskEnrolment(pool, {
    municipalityId: kiosk.municipalityId,
    kioskId: kiosk.id,
    codeHash: hash,
    ttlMinutes: input.ttlMinutes,
  });
  return {
    kioskId: kiosk.id,
    municipalityId: kiosk.municipalityId,
    code,
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * The kiosk's side: a live code becomes a fresh kiosk token (the old one stops working, so a
 * re-enrolled tablet replaces the previous one). enrolment_code_invalid otherwise.
 */
export async function redeemEnrolmentCode(
  pool: Pool,
  code: string,
): Promise<{ token: string; kioskId: string; siteId: string; municipalityId: string }> {
  const parsed = parseToken(code.trim());
  if (parsed?.kind !== "bpe") throw new AppError("enrolment_code_invalid");
  const { token, hash } = makeToken("bpk", parsed.id);
  const kiosk = await redeemKioskEnrolment(pool, hashSecret(parsed.secret), hash);
  if (!kiosk || kiosk.kioskId !== parsed.id) throw new AppError("enrolment_code_invalid");
  return { token, ...kiosk };
}
