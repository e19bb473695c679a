import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { tokenPattern } from "../shared/pin-recovery.ts";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * Tokens look like `bpk_<id without dashes>_<secret>`: the id finds the row with one index
 * probe, the 256-bit secret is checked against its sha256 (a slow hash adds nothing for a
 * random secret of that size). The prefix tells a kiosk token (bpk) from an API token (bpt)
 * and from a kiosk's one-time enrolment code (bpe, which carries the kiosk's id).
 */
export type TokenKind = "bpk" | "bpt" | "bpe";

export function makeToken(kind: TokenKind, id: string): { token: string; hash: Buffer } {
  const secret = randomBytes(32).toString("base64url");
  return { token: `${kind}_${id.replaceAll("-", "")}_${secret}`, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

export function parseToken(
  token: string,
): { kind: TokenKind; id: string; secret: string } | undefined {
  const match = tokenPattern.exec(token);
  if (!match) return undefined;
  const [, kind, hex = "", secret = ""] = match;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { kind: kind as TokenKind, id, secret };
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

// OWASP's scrypt floor (N=2^17, r=8, p=1): ~128 MiB and ~0.3 s a hash; plenty for log-ins.
const scryptParams = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize("NFKC"), salt, 32, scryptParams);
  return [
    "scrypt",
    scryptParams.N,
    scryptParams.r,
    scryptParams.p,
    salt.toString("base64"),
    key.toString("base64"),
  ].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scryptAsync(
    password.normalize("NFKC"),
    Buffer.from(salt, "base64"),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: scryptParams.maxmem,
    },
  );
  return timingSafeEqual(actual, expected);
}

/** A password a person can type: 4 groups of 5 from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join("")).join("-");
}
