import { describe, expect, it } from "vitest";
import { lagOf } from "../../sync-server/read-replica.ts";

describe("the read replica's lag", () => {
  it("is nothing once every WAL byte is replayed, however old the last replayed commit", () => {
    // An idle primary: the last commit may be an hour old, and the replica is still current.
    expect(lagOf(0, 3600)).toBe(0);
    expect(lagOf(0, null)).toBe(0);
  });

  it("is the age of the last replayed commit while WAL is still to replay, unknown without one", () => {
    expect(lagOf(8192, 42.5)).toBe(42.5);
    expect(lagOf(1, null)).toBeNull();
    // Clocks a little apart cannot make it negative.
    expect(lagOf(1, -0.2)).toBe(0);
  });
});
