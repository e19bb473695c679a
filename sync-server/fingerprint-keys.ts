import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Queryable } from "./db.ts";
import {
  type FingerprintKey,
  type FingerprintKeys,
  fingerprintKeys,
  keyVerifier,
} from "./ingest/fingerprint.ts";
import type { Logger } from "./logger.ts";
import { insertKeyVerifiers, listKeyVerifiers } from "./queries/fingerprint-keys.ts";

/**
 * The secret keys response fingerprints are made with (ingest/fingerprint.ts), kept in a file
 * outside the database — by default DATA_DIR/fingerprint-keys, mode 0600 — so that a copy of
 * the database alone cannot be used to test guesses at scrubbed text.
 *
 * The file has one key a line, `<id>:<base64 of 32 bytes>`; the first line is the key new
 * fingerprints are made with, later lines are older keys still accepted for stored rows.
 * Lines starting with # are comments. Rotation (README "Fingerprint keys"): put a new line with
 * the next id first and restart every server with the same file.
 */

export class FingerprintKeyError extends Error {}

const linePattern = /^(\d{1,5}):([A-Za-z0-9+/_-]{43}=?)$/;

export function parseKeyFile(text: string, file = "fingerprint-keys"): FingerprintKey[] {
  const keys: FingerprintKey[] = [];
  const seen = new Set<number>();
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = linePattern.exec(line);
    const id = Number(match?.[1]);
    const secret = match?.[2] ? Buffer.from(match[2], "base64") : undefined;
    if (!match || !secret || secret.length !== 32 || id < 1 || id > 32767) {
      throw new FingerprintKeyError(
        `${file}, line ${index + 1}: expected "<id>:<base64 of 32 random bytes>", e.g. made with \`openssl rand -base64 32\`.`,
      );
    }
    if (seen.has(id)) throw new FingerprintKeyError(`${file}: key ${id} is listed twice.`);
    seen.add(id);
    keys.push({ id, secret });
  }
  if (keys.length === 0) throw new FingerprintKeyError(`${file} holds no key.`);
  return keys;
}

export function formatKeyFile(keys: readonly FingerprintKey[]): string {
  return [
    "# Borgerpuls response fingerprint keys: first line is current. Keep secret, keep a backup,",
    "# give every server the same file. See README, Fingerprint keys.",
    ...keys.map((key) => `${key.id}:${key.secret.toString("base64")}`),
    "",
  ].join("\n");
}

/** The file's keys, or a new file with key 1 when there is none (never overwriting one). */
function readOrCreate(file: string, databaseHasKeys: boolean): FingerprintKey[] {
  if (fs.existsSync(file)) return parseKeyFile(fs.readFileSync(file, "utf8"), file);
  if (databaseHasKeys) {
    throw new FingerprintKeyError(
      `${file} is missing, but this database's responses are fingerprinted with keys from it. Copy the file from the server that made it (or restore it from backup); see README, Fingerprint keys.`,
    );
  }
  const keys = [{ id: 1, secret: randomBytes(32) }];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // wx: a second process starting at the same moment reads the first one's file instead.
    fs.writeFileSync(file, formatKeyFile(keys), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return parseKeyFile(fs.readFileSync(file, "utf8"), file);
  }
  return keys;
}

/**
 * Loads the keys and checks them against the database's verifiers: a key whose id the
 * database knows must be that very key, and new keys are recorded. Refuses to start rather
 * than fingerprint with a key other servers do not have.
 */
export async function loadFingerprintKeys(
  db: Queryable,
  file: string,
  logger?: Logger,
): Promise<FingerprintKeys> {
  const known = await listKeyVerifiers(db);
  const keys = readOrCreate(file, known.size > 0);
  const verified = keys.map((key) => ({ ...key, verifier: keyVerifier(key.secret) }));
  await insertKeyVerifiers(
    db,
    verified.filter((key) => !known.has(key.id)),
  );
  const recorded = await listKeyVerifiers(db);
  for (const key of verified) {
    const expected = recorded.get(key.id);
    if (!expected || !timingSafeEqual(expected, key.verifier)) {
      throw new FingerprintKeyError(
        `${file}: key ${key.id} is not the key ${key.id} this database's responses were fingerprinted with. Use the same file on every server; see README, Fingerprint keys.`,
      );
    }
  }
  const missing = [...recorded.keys()].filter((id) => !keys.some((key) => key.id === id));
  if (missing.length > 0) {
    logger?.warn(
      { missing },
      "fingerprint keys the database has seen are not in the key file: a resend of a response stored under them will be a conflict, not a duplicate",
    );
  }
  return fingerprintKeys(keys);
}
