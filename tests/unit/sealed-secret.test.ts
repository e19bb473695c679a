import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprintKeys } from "../../sync-server/ingest/fingerprint.ts";
import { openSecret, SealedSecretError, sealSecret } from "../../sync-server/sso/sealed-secret.ts";

const key1 = { id: 1, secret: randomBytes(32) };
const key2 = { id: 2, secret: randomBytes(32) };

describe("sealed client secrets", () => {
  it("open again with the key file, and never hold the secret in clear", () => {
    const keys = fingerprintKeys([key1]);
    const sealed = sealSecret(keys, "entra-client-secret~value");
    expect(sealed).not.toContain("entra");
    expect(sealed.startsWith("v1.1.")).toBe(true);
    expect(openSecret(keys, sealed)).toBe("entra-client-secret~value");
    // A fresh IV each time: the same secret does not seal to the same text.
    expect(sealSecret(keys, "entra-client-secret~value")).not.toBe(sealed);
  });

  it("still open after the key file is rotated, with the old key kept below the new", () => {
    const sealed = sealSecret(fingerprintKeys([key1]), "s");
    expect(openSecret(fingerprintKeys([key2, key1]), sealed)).toBe("s");
    expect(() => openSecret(fingerprintKeys([key2]), sealed)).toThrow(/key 1/);
  });

  it("refuse an altered secret instead of returning garbage", () => {
    const keys = fingerprintKeys([key1]);
    const parts = sealSecret(keys, "secret").split(".");
    const last = parts[4] ?? "";
    parts[4] = `${last.slice(0, -1)}${last.endsWith("A") ? "B" : "A"}`;
    expect(() => openSecret(keys, parts.join("."))).toThrow(SealedSecretError);
    expect(() => openSecret(keys, "plain text")).toThrow(SealedSecretError);
  });
});
