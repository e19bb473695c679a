import { fingerprintKeys } from "../../sync-server/ingest/fingerprint.ts";

/** The fingerprint key tests use: fixed, so rows a fixture stores and a test server checks agree. */
export const testFingerprintKeys = fingerprintKeys([
  { id: 1, secret: Buffer.alloc(32, "borgerpuls-test-fingerprint-key") },
]);
