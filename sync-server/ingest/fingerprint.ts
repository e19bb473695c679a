import { createHmac, hash } from "node:crypto";

/**
 * A response's fingerprint: what tells a resend (same id, same content: a duplicate) from a
 * conflict (same id, other content). It must not let anyone recover the scrubbed free text:
 * an unkeyed hash of the response as sent could be brute-forced from the stored row (every
 * other field is in it; #13 rebuilt a CPR number in minutes). So the stored fingerprint is
 * HMAC-SHA-256 under a secret key kept outside the database (fingerprint-keys.ts), of the
 * SHA-256 digest of the canonical payload. The digest itself is never stored.
 *
 * Keyed over the digest (not over the payload) so that rows stored before keys existed, whose
 * content_hash *is* that digest, can be re-keyed in place without their original text
 * (rekey-fingerprints.ts).
 */
export type FingerprintKey = { id: number; secret: Buffer };

/** The key new fingerprints are made with, and every key still accepted for stored rows. */
export type FingerprintKeys = {
  current: FingerprintKey;
  /** By id; includes current. A Map: ids come from a file and from database rows. */
  byId: ReadonlyMap<number, Buffer>;
};

export function fingerprintKeys(keys: readonly FingerprintKey[]): FingerprintKeys {
  const [current] = keys;
  if (!current) throw new Error("at least one fingerprint key is needed");
  return { current, byId: new Map(keys.map((key) => [key.id, key.secret])) };
}

/** SHA-256 of a canonical payload, as hex. Never stored: it is what an attacker could test. */
export function contentDigest(canonicalJson: string): string {
  // One-shot hash() to a string: a Hash object, or a Buffer, per response cost more in
  // allocation and GC than the SHA-256 itself.
  return hash("sha256", canonicalJson, "hex");
}

/** The stored fingerprint of a digest (hex) under one key, as hex. */
export function keyedFingerprint(secret: Buffer, digestHex: string): string {
  return createHmac("sha256", secret).update(Buffer.from(digestHex, "hex")).digest("hex");
}

/** What the database holds for an id: its fingerprint and the key it was made with. */
export type StoredFingerprint = {
  contentHash: string;
  /** null: stored before keys existed and not yet re-keyed; contentHash is the bare digest. */
  contentKey: number | null;
};

/**
 * Whether a stored row has the content whose digest is given. A row keyed with a key no longer
 * configured cannot be matched; the caller treats that as a conflict.
 */
export function fingerprintMatches(
  keys: FingerprintKeys,
  digestHex: string,
  stored: StoredFingerprint,
): boolean {
  if (stored.contentKey === null) return stored.contentHash === digestHex;
  const secret = keys.byId.get(stored.contentKey);
  return secret !== undefined && keyedFingerprint(secret, digestHex) === stored.contentHash;
}

/** Fixed text whose fingerprint proves, without revealing it, which key an id names. */
export function keyVerifier(secret: Buffer): Buffer {
  return createHmac("sha256", secret).update("borgerpuls fingerprint key verifier v1").digest();
}
