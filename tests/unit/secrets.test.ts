import { describe, expect, it } from "vitest";
import {
  generatePassword,
  hashPassword,
  makeToken,
  parseToken,
  secretMatches,
  verifyPassword,
} from "../../sync-server/secrets.ts";

describe("tokens", () => {
  it("carry their id and a secret that only matches its own hash", () => {
    const id = "01a20822-07bc-74de-80ec-57e65de4ee44";
    const { token, hash } = makeToken("bpk", id);
    const parsed = parseToken(token);
    expect(parsed).toMatchObject({ kind: "bpk", id });
    expect(secretMatches(parsed?.secret ?? "", hash)).toBe(true);
    expect(secretMatches(`${parsed?.secret.slice(0, -1)}x`, hash)).toBe(false);
    expect(makeToken("bpk", id).token).not.toBe(token);
    // A kiosk's one-time enrolment code has its own prefix, so it is never taken for a token.
    expect(parseToken(makeToken("bpe", id).token)).toMatchObject({ kind: "bpe", id });
  });

  it("reject anything not shaped like a token", () => {
    expect(parseToken("")).toBeUndefined();
    expect(parseToken("Bearer abc")).toBeUndefined();
    expect(
      parseToken(
        "bpx_01a2082207bc74de80ec57e65de4ee44_vDxZ51gBQdbQ1EqH4WdNaVPFbyKXHHUcuZ-2Fge9BGA",
      ),
    ).toBeUndefined();
  });
});

describe("passwords", () => {
  // CPU-bound by design (four 128 MiB scrypt runs at OWASP's cost): on a loaded machine it
  // needs more than 5 s.
  it("hash with scrypt and a salt, and verify only the right password", {
    timeout: 120_000,
  }, async () => {
    const hash = await hashPassword("korrekt hest batteri");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await hashPassword("korrekt hest batteri")).not.toBe(hash);
    expect(await verifyPassword("korrekt hest batteri", hash)).toBe(true);
    expect(await verifyPassword("korrekt hest batter", hash)).toBe(false);
    expect(await verifyPassword("x", "plain")).toBe(false);
  });

  it("are generated readable and different each time", () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(a).not.toMatch(/[0O1lI5S2Z]/);
    expect(generatePassword()).not.toBe(a);
  });
});
