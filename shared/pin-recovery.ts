/**
 * One-time codes that let staff who forgot the kiosk's PIN set a new one, without wiping the
 * kiosk (its unsent answers stay). Code n of a kiosk is HMAC-SHA-256 keyed by the sha256 of its
 * token's secret, over the kiosk id and n, as ten digits. The server keeps exactly that hash
 * (kiosks.token_hash) and never the token; the kiosk holds the token, so it derives the same
 * codes offline. The server counts the codes it has shown (kiosks.pin_recovery_issued); the
 * kiosk remembers the highest n used and accepts only later ones, so each code works once.
 * WebCrypto, so the server and the kiosk run this same file.
 */

/** Kiosk tokens, API tokens and enrolment codes: `bpk_<id as 32 hex>_<43-character base64url secret>`. */
export const tokenPattern = /^(bpk|bpt|bpe)_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** How many codes past the last one used a kiosk still accepts (codes shown but not typed). */
export const recoveryWindow = 20;
export const recoveryCodeDigits = 10;

/** The secret part of a token, or undefined when it is not one. */
export function tokenSecret(token: string): string | undefined {
  return tokenPattern.exec(token.trim())?.[3];
}

/** sha256 of a token's secret: what the server stores as the kiosk's token_hash. */
export async function secretHash(secret: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
}

/** Code n (from 1) as ten digits. */
export async function recoveryCode(
  tokenHash: Uint8Array<ArrayBuffer>,
  kioskId: string,
  n: number,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    tokenHash,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode(`borgerpuls/pin-recovery/v1/${kioskId.toLowerCase()}/${n}`),
    ),
  );
  let value = 0n;
  for (const byte of mac.slice(0, 8)) value = (value << 8n) | BigInt(byte);
  return (value % 10n ** BigInt(recoveryCodeDigits)).toString().padStart(recoveryCodeDigits, "0");
}

/** "1234567890" → "12345-67890", the way the dashboard shows it. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Which code number `typed` is, looking at the codes after `lastUsed`; undefined when none
 * matches. Spaces and dashes in what staff typed do not matter.
 */
export async function matchRecoveryCode(
  typed: string,
  tokenHash: Uint8Array<ArrayBuffer>,
  kioskId: string,
  lastUsed: number,
): Promise<number | undefined> {
  const digits = typed.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(digits) || digits.length !== recoveryCodeDigits) return undefined;
  for (let n = lastUsed + 1; n <= lastUsed + recoveryWindow; n += 1) {
    if ((await recoveryCode(tokenHash, kioskId, n)) === digits) return n;
  }
  return undefined;
}
