import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";

/**
 * A provider's client secret at rest. It must be sent to the provider, so unlike our own tokens
 * it cannot be hashed (secrets.ts); it is sealed with AES-256-GCM under a key derived (HKDF)
 * from the fingerprint key file, which already lives outside the database on every server.
 * The key id is kept beside it, so rotating that file (a new first line, old lines kept) still
 * opens secrets sealed before.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */

const info = Buffer.from("borgerpuls sso client secret v1");

function sealingKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), info, 32));
}

export function sealSecret(keys: FingerprintKeys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(keys.current.secret), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    "v1",
    String(keys.current.id),
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    sealed.toString("base64url"),
  ].join(".");
}

export class SealedSecretError extends Error {}

/** The secret, or an error naming why it cannot be opened (its key is gone, or it was altered). */
export function openSecret(keys: FingerprintKeys, stored: string): string {
  const [version, keyId, iv, tag, sealed] = stored.split(".");
  const key = keys.byId.get(Number(keyId));
  if (version !== "v1" || !iv || !tag || sealed === undefined) {
    throw new SealedSecretError("the stored client secret is not in a known format");
  }
  if (!key) {
    throw new SealedSecretError(
      `the client secret was sealed with fingerprint key ${keyId}, which is not in the key file; set the secret again`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(key), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SealedSecretError("the stored client secret does not open with its key (altered?)");
  }
}
