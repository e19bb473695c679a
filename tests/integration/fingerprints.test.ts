import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResponsePayload } from "../../shared/response.ts";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import {
  FingerprintKeyError,
  formatKeyFile,
  loadFingerprintKeys,
} from "../../sync-server/fingerprint-keys.ts";
import { fingerprintKeys, keyedFingerprint } from "../../sync-server/ingest/fingerprint.ts";
import { rekeyFingerprints } from "../../sync-server/ingest/rekey-fingerprints.ts";
import { canonicalPayloadJson, payloadDigest } from "../../sync-server/ingest/response-row.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
let server: TestServer;
let kiosk: { kioskId: string; siteId: string; token: string };

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.pool);
  const site = await addSite(db.pool, { name: "Borgerservice", municipality: "Nøglekommune" });
  kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: "A" });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Reply = { accepted: string[]; duplicates: string[]; rejected: { id: string; code: string }[] };
async function sync(responses: unknown[]): Promise<Reply> {
  const reply = await postSync(server.baseUrl, kiosk.token, syncBody(responses));
  expect(reply.status).toBe(200);
  return reply.body as unknown as Reply;
}

async function storedHash(id: string): Promise<{ hash: string; key: number | null; text: string }> {
  const result = await db.pool.query<{ hash: string; key: number | null; text: string }>(
    `select encode(content_hash, 'hex') as hash, content_key as key, improve_text as text
     from responses where id = $1`,
    [id],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

const withText = (seq: number, text: string): ResponsePayload =>
  samplePayload(seq, {
    answers: { got_help: "yes", improve: "could_be_better", improve_text: text },
  });

describe("the stored fingerprint cannot be used to recover scrubbed text", () => {
  it("the #13 brute force (unkeyed SHA-256 over the rebuilt payload) finds nothing", async () => {
    const sent = withText(1, "Mit cpr er 010190-1234");
    expect((await sync([sent])).accepted).toEqual([sent.id]);
    const stored = await storedHash(sent.id);
    expect(stored.text).toBe("Mit cpr er [CPR]");

    // The attacker has the row: everything but the text is in it, so they try every serial of
    // the CPR's date (the whole attack is this loop over 10,000 serials and 36,500 dates).
    let found: string | undefined;
    for (let serial = 0; serial < 10_000; serial++) {
      const guess = `Mit cpr er 010190-${String(serial).padStart(4, "0")}`;
      const payload = { ...sent, answers: { ...sent.answers, improve_text: guess } };
      const sha = createHash("sha256").update(canonicalPayloadJson(payload)).digest("hex");
      if (sha === stored.hash) found = guess;
    }
    expect(found).toBeUndefined();
    // Nor does the bare digest of the exact original match: what is stored is keyed.
    expect(stored.hash).not.toBe(payloadDigest(sent));
    // Only with the secret key, which is not in the database, does the original match.
    expect(stored.key).toBe(testFingerprintKeys.current.id);
    expect(keyedFingerprint(testFingerprintKeys.current.secret, payloadDigest(sent))).toBe(
      stored.hash,
    );
  });

  it("keeps exactly-once: same id + same content is a duplicate, other content a conflict", async () => {
    const sent = withText(2, "Ring på 20 30 40 50");
    expect((await sync([sent])).accepted).toEqual([sent.id]);
    expect(await sync([structuredClone(sent)])).toMatchObject({ duplicates: [sent.id] });
    const otherNumber = withText(2, "Ring på 20 30 40 51");
    const changed = { ...otherNumber, id: sent.id };
    // Scrubbed alike, but not the same response: the fingerprint is of the text as sent.
    expect(await sync([changed])).toMatchObject({
      accepted: [],
      duplicates: [],
      rejected: [{ id: sent.id, code: "conflict" }],
    });
  });
});

describe("rows stored before keys existed", () => {
  it("are still duplicates before re-keying, and after; re-keying is idempotent", async () => {
    const sent = withText(3, "Skriv til jens@example.dk");
    expect((await sync([sent])).accepted).toEqual([sent.id]);
    // Make it look as migration 0011 found it: the bare digest, no key.
    await db.pool.query(
      "update responses set content_hash = decode($2, 'hex'), content_key = null where id = $1",
      [sent.id, payloadDigest(sent)],
    );
    expect(await sync([structuredClone(sent)])).toMatchObject({ duplicates: [sent.id] });

    expect(await rekeyFingerprints(db.pool, testFingerprintKeys)).toBe(1);
    expect(await rekeyFingerprints(db.pool, testFingerprintKeys)).toBe(0);
    const stored = await storedHash(sent.id);
    expect(stored).toMatchObject({ key: 1 });
    expect(stored.hash).not.toBe(payloadDigest(sent));
    expect(await sync([structuredClone(sent)])).toMatchObject({ duplicates: [sent.id] });
  });
});

describe("the key file", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "bp-keys-"));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("is made once with mode 0600, checked against the database, and rotates", async () => {
    const keysDb = await createTestDatabase();
    try {
      const file = path.join(folder, "fingerprint-keys");
      const first = await loadFingerprintKeys(keysDb.pool, file);
      expect(first.current.id).toBe(1);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      // Read again, not remade.
      const again = await loadFingerprintKeys(keysDb.pool, file);
      expect(again.current.secret.equals(first.current.secret)).toBe(true);

      // A second server with a file of its own (another key 1) is refused.
      const stranger = path.join(folder, "stranger-keys");
      fs.writeFileSync(stranger, formatKeyFile([{ id: 1, secret: randomBytes(32) }]));
      await expect(loadFingerprintKeys(keysDb.pool, stranger)).rejects.toThrow(FingerprintKeyError);
      // A server whose file is gone does not quietly make a new one.
      await expect(loadFingerprintKeys(keysDb.pool, path.join(folder, "missing"))).rejects.toThrow(
        /missing/,
      );
      expect(fs.existsSync(path.join(folder, "missing"))).toBe(false);

      // Rotation: a new key first, the old one kept; both are accepted for stored rows.
      const rotated = [{ id: 2, secret: randomBytes(32) }, first.current];
      fs.writeFileSync(file, formatKeyFile(rotated));
      const keys = await loadFingerprintKeys(keysDb.pool, file);
      expect(keys.current.id).toBe(2);
      expect([...keys.byId.keys()].sort()).toEqual([1, 2]);
      const verifiers = await keysDb.pool.query("select id from fingerprint_keys order by id");
      expect(verifiers.rows).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await keysDb.drop();
    }
  });

  it("refuses a malformed line with a reason", async () => {
    const keysDb = await createTestDatabase();
    try {
      const file = path.join(folder, "bad-keys");
      fs.writeFileSync(file, "1:not-a-key\n");
      await expect(loadFingerprintKeys(keysDb.pool, file)).rejects.toThrow(/line 1/);
    } finally {
      await keysDb.drop();
    }
  });

  it("a stored row keyed under an old key is still a duplicate after rotation", async () => {
    const sent = withText(4, "Tak for hjælpen");
    expect((await sync([sent])).accepted).toEqual([sent.id]);
    const rotated = fingerprintKeys([
      { id: 9, secret: randomBytes(32) },
      testFingerprintKeys.current,
    ]);
    const rotatedServer = await startTestServer(db.pool, { fingerprintKeys: rotated });
    try {
      const reply = await postSync(rotatedServer.baseUrl, kiosk.token, syncBody([sent]));
      expect(reply.body).toMatchObject({ duplicates: [sent.id] });
      const fresh = withText(5, "Ny nøgle");
      await postSync(rotatedServer.baseUrl, kiosk.token, syncBody([fresh]));
      expect(await storedHash(fresh.id)).toMatchObject({ key: 9 });
    } finally {
      await rotatedServer.close();
    }
  });
});
